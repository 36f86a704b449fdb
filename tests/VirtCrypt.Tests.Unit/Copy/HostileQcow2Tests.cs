using System.Buffers.Binary;
using VirtCrypt.Copy;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Copy;

[TestFixture]
[Category("Unit")]
public class HostileQcow2Tests
{
    private TempDirectory dir = null!;

    [SetUp]
    public void CreateDirectory() => dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => dir.Dispose();

    [Test]
    public void TruncatedHeader_IsAClearError()
    {
        var image = Valid(out _)[..50];

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*header is truncated*");
    }

    [Test]
    public void L1TableOutsideTheFile_IsAClearError()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(40), 1UL << 40);

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*L1 table*outside the file*");
    }

    [Test]
    public void L2TableOutsideTheFile_IsAClearError()
    {
        var image = Valid(out var layout);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan((int)layout.L1), (1UL << 63) | (1UL << 36));

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*L2 table at offset 68719476736*outside the file*");
    }

    [Test]
    public void DataClusterPastTheEndOfTheFile_IsAClearError()
    {
        var image = Valid(out var layout);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan((int)layout.FirstL2), (1UL << 63) | (1UL << 34));

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*data cluster at host offset 17179869184 lies past the end of the file*");
    }

    [Test]
    public void AbsurdVirtualSize_IsAClearError()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(24), ulong.MaxValue - 5);

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*virtual size 18446744073709551610 is absurd*");
    }

    [Test]
    public void VirtualSizeBeyondTheL1Table_IsAClearError()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(24), 1UL << 40);

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*L1 table has 1 entries*needs 2048*");
    }

    [Test]
    public void BackingChainLoop_IsAClearError()
    {
        File.WriteAllBytes(dir.File("a.qcow2"), new Qcow2Builder(1 << 20) { BackingFile = "b.qcow2", BackingFormat = "qcow2" }.Build());
        File.WriteAllBytes(dir.File("b.qcow2"), new Qcow2Builder(1 << 20) { BackingFile = "a.qcow2", BackingFormat = "qcow2" }.Build());

        FluentActions.Invoking(() => DiskImage.Open(dir.File("a.qcow2"), DiskFormat.Qcow2))
            .Should().Throw<InvalidDiskImageException>().WithMessage("*backing chain of*b.qcow2 loops*a.qcow2*");
    }

    [Test]
    public void ImageThatIsItsOwnBacking_IsAClearError()
    {
        File.WriteAllBytes(dir.File("a.qcow2"), new Qcow2Builder(1 << 20) { BackingFile = "./a.qcow2" }.Build());

        FluentActions.Invoking(() => DiskImage.Open(dir.File("a.qcow2"), DiskFormat.Qcow2))
            .Should().Throw<InvalidDiskImageException>().WithMessage("*loops*");
    }

    [Test]
    public void MissingBackingFile_IsNamed()
    {
        File.WriteAllBytes(dir.File("a.qcow2"), new Qcow2Builder(1 << 20) { BackingFile = "gone.raw", BackingFormat = "raw" }.Build());

        FluentActions.Invoking(() => DiskImage.Open(dir.File("a.qcow2"), DiskFormat.Qcow2))
            .Should().Throw<ObjectNotFoundException>().WithMessage("*backing file*gone.raw*does not exist*");
    }

    [Test]
    public void EncryptedImage_IsRefusedClearly()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(32), 2);

        Copying(image).Should().Throw<OperationNotSupportedException>().WithMessage("*encrypted qcow2*Decrypt it first*");
    }

    [Test]
    public void ExternalDataFile_IsRefusedClearly()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(72), 1 << 2);

        Copying(image).Should().Throw<OperationNotSupportedException>().WithMessage("*external data file*");
    }

    [Test]
    public void UnknownIncompatibleFeature_IsRefusedClearly()
    {
        var image = Valid(out _);
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(72), 1UL << 40);

        Copying(image).Should().Throw<OperationNotSupportedException>().WithMessage("*unknown incompatible qcow2 features (bits 0x10000000000)*");
    }

    [Test]
    public void CorruptCompressedCluster_IsAClearError()
    {
        var builder = new Qcow2Builder(1 << 20).Data(0, Qcow2ReaderTests.Pattern(65536, 1), compressed: true);
        var image = builder.Build();
        image.AsSpan(image.Length - 100).Fill(0xff);

        Copying(image).Should().Throw<InvalidDiskImageException>().WithMessage("*compressed cluster at host offset*");
    }

    [Test]
    public void HeaderMutations_GiveVirtCryptErrorsOnly_AndBoundedAllocation()
    {
        var original = Valid(out var layout);
        var random = new Random(20240611);
        var path = dir.File("fuzz.qcow2");
        var outcomes = new Dictionary<string, int>();
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var image = (byte[])original.Clone();
            for (var mutations = random.Next(1, 6); mutations > 0; mutations--)
            {
                var region = random.Next(3) switch
                {
                    0 => (Start: 0, Length: 128),
                    1 => (Start: (int)layout.L1, Length: 64),
                    _ => (Start: (int)layout.FirstL2, Length: 64),
                };
                image[region.Start + random.Next(region.Length)] ^= (byte)(1 << random.Next(8));
            }

            File.WriteAllBytes(path, image);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                using var disk = DiskImage.Open(path, DiskFormat.Qcow2);
                disk.GetExtents(0, disk.VirtualSize);
                var head = new byte[(int)Math.Min(disk.VirtualSize, 1 << 20)];
                disk.Read(0, head);
                outcomes["opened"] = outcomes.GetValueOrDefault("opened") + 1;
            }
            catch (VirtCryptException e)
            {
                outcomes[e.GetType().Name] = outcomes.GetValueOrDefault(e.GetType().Name) + 1;
            }

            (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(64 << 20, $"iteration {iteration} must not allocate without bound");
        }

        outcomes.Keys.Should().Contain(["opened", nameof(InvalidDiskImageException)]);
    }

    private static byte[] Valid(out (long L1, long FirstL2) layout)
    {
        var builder = new Qcow2Builder(1 << 20).Data(0, Qcow2ReaderTests.Pattern(65536, 1)).Data(3, Qcow2ReaderTests.Pattern(100, 2), compressed: true);
        var image = builder.Build();
        layout = builder.Layout;
        return image;
    }

    private Action Copying(byte[] image)
    {
        File.WriteAllBytes(dir.File("hostile.qcow2"), image);
        return () => RawCopyTests.Copy(dir.File("hostile.qcow2"), CopyTarget.File(dir.File("out")), new CopyOptions(), DiskFormat.Qcow2);
    }
}
