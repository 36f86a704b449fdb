using CsCheck;
using VirtCrypt.Copy;

namespace VirtCrypt.Tests.Unit.Copy;

[TestFixture]
[Category("Unit")]
public class Qcow2ReaderTests
{
    [Test]
    public void Read_ReturnsWhatTheGuestSees_DataZeroCompressedAndUnallocated()
    {
        using var dir = new TempDirectory();
        var builder = new Qcow2Builder(virtualSize: (3 << 20) + 1234)
            .Data(0, Pattern(65536, 1))
            .Data(1, Pattern(65536, 2))
            .Data(5, Pattern(30000, 3), compressed: true)
            .Data(48, Pattern(1234, 4))
            .Zero(7);
        File.WriteAllBytes(dir.File("disk.qcow2"), builder.Build());

        using var image = DiskImage.Open(dir.File("disk.qcow2"), DiskFormat.Qcow2);
        var disk = new byte[image.VirtualSize];
        image.Read(0, disk);

        image.VirtualSize.Should().Be((3 << 20) + 1234);
        disk.Should().Equal(builder.Expected());
        image.GetExtents(0, image.VirtualSize).Should().Equal(
            new DiskExtent(0, 2 * 65536, DiskExtentKind.Data),
            new DiskExtent(2 * 65536, 3 * 65536, DiskExtentKind.Zero),
            new DiskExtent(5 * 65536, 65536, DiskExtentKind.Data),
            new DiskExtent(6 * 65536, 42 * 65536, DiskExtentKind.Zero),
            new DiskExtent(48 * 65536, 1234, DiskExtentKind.Data));
    }

    [Test]
    public void Read_FallsThroughToARelativeRawBackingFile_AndZerosPastItsEnd()
    {
        using var dir = new TempDirectory();
        var backing = Pattern(200_000, 9);
        File.WriteAllBytes(dir.File("base.raw"), backing);
        var builder = new Qcow2Builder(virtualSize: 1 << 20) { BackingFile = "base.raw", BackingFormat = "raw" }
            .Data(1, Pattern(65536, 5));
        File.WriteAllBytes(dir.File("top.qcow2"), builder.Build());

        var copy = RawCopyTests.Copy(dir.File("top.qcow2"), CopyTarget.File(dir.File("out")), new CopyOptions(), DiskFormat.Qcow2);

        File.ReadAllBytes(dir.File("out")).Should().Equal(builder.Expected(backing));
        copy.Verified.Should().BeTrue();
    }

    [Test]
    public void Copy_WithManyRequestsInFlight_ReadsAnyClusterMix_AsTheGuestSeesIt()
    {
        // Workers read, look up tables and inflate compressed clusters at the same time: each request's bytes must
        // still be its own (no decompressor or L2 table shared across threads mid-read).
        Gen.Select(Gen.Int[0, 3].Array[24, 80], Gen.Int[2, 16], Gen.Int).Sample((kinds, depth, seed) =>
        {
            using var dir = new TempDirectory();
            var backing = Pattern(kinds.Length * 65536, seed);
            File.WriteAllBytes(dir.File("base.raw"), backing);
            var builder = new Qcow2Builder(virtualSize: kinds.Length * 65536L) { BackingFile = "base.raw", BackingFormat = "raw" };
            for (var cluster = 0; cluster < kinds.Length; cluster++)
            {
                _ = kinds[cluster] switch
                {
                    0 => builder.Data(cluster, Pattern(65536, seed + cluster)),
                    1 => builder.Data(cluster, Pattern(40000, seed + cluster), compressed: true),
                    2 => builder.Zero(cluster),
                    _ => builder,
                };
            }

            File.WriteAllBytes(dir.File("top.qcow2"), builder.Build());

            var copy = RawCopyTests.Copy(dir.File("top.qcow2"), CopyTarget.File(dir.File("out")),
                new CopyOptions { RequestSize = 64 << 10, RequestsInFlight = depth }, DiskFormat.Qcow2);

            File.ReadAllBytes(dir.File("out")).Should().Equal(builder.Expected(backing));
            copy.Verified.Should().BeTrue();
        }, iter: 15, threads: 1);
    }

    [Test]
    public void Open_QcowDeclaredRaw_AndRawDeclaredQcow2_AreErrors()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("disk.qcow2"), new Qcow2Builder(1 << 20).Build());
        File.WriteAllBytes(dir.File("disk.raw"), new byte[1 << 20]);

        FluentActions.Invoking(() => DiskImage.Open(dir.File("disk.qcow2"), DiskFormat.Raw))
            .Should().Throw<InvalidDiskImageException>().WithMessage("*declared raw but is a qcow2 image*");
        FluentActions.Invoking(() => DiskImage.Open(dir.File("disk.raw"), DiskFormat.Qcow2))
            .Should().Throw<InvalidDiskImageException>().WithMessage("*declared qcow2 but does not start with the qcow2 magic*");
    }

    internal static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
