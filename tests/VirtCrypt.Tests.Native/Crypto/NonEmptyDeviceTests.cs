using System.Buffers.Binary;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class NonEmptyDeviceTests
{
    [Test]
    public async Task Format_RefusesAnExt4Image_NamingIt_AndLeavesItIntact()
    {
        using var image = ImageFile.Create();
        ExternalTool.Run("mkfs.ext4", "-q", "-F", image.Path);
        var before = image.Read(0, 64 * 1024);
        using var passphrase = Keys.Passphrase("correct horse");

        var format = () => LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);

        (await format.Should().ThrowAsync<DeviceNotEmptyException>())
            .WithMessage($"Refusing to format {image.Path}: it holds a filesystem (ext4)*Force*");
        image.Read(0, 64 * 1024).Should().Equal(before);
        ExternalTool.Run("blkid", "-p", "-o", "value", "-s", "TYPE", image.Path).Trim().Should().Be("ext4");
    }

    [Test]
    public async Task Format_RefusesALuksImage_ButForceOverwritesIt()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        Guid? firstUuid;
        using (var first = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2))
        {
            firstUuid = first.GetInfo().Uuid;
        }

        var again = () => LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);
        (await again.Should().ThrowAsync<DeviceNotEmptyException>()).WithMessage("*it holds a LUKS header*");
        using (var unchanged = LuksVolume.Load(image.Path))
        {
            unchanged.GetInfo().Uuid.Should().Be(firstUuid);
        }

        using var forced = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2 with { Force = true });
        forced.GetInfo().Uuid.Should().NotBe(firstUuid!.Value);
    }

    [Test]
    public async Task Format_RefusesAPartitionTable()
    {
        using var image = ImageFile.Create();
        WriteMbrWithOneLinuxPartition(image.Path);
        ExternalTool.Run("blkid", "-p", "-o", "value", "-s", "PTTYPE", image.Path).Trim().Should().Be("dos");
        using var passphrase = Keys.Passphrase("correct horse");

        var format = () => LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);

        (await format.Should().ThrowAsync<DeviceNotEmptyException>()).WithMessage("*it holds a partition table (dos)*");
    }

    [Test]
    public void Probe_OfAnEmptyImage_FindsNothing()
    {
        using var image = ImageFile.Create();

        DeviceContentProbe.Probe(image.Path).Should().BeEmpty();
    }

    [Test]
    public void Probe_OfAMissingDevice_SaysItDoesNotExist() =>
        FluentActions.Invoking(() => DeviceContentProbe.Probe("/nonexistent/virtcrypt.img"))
            .Should().Throw<ObjectNotFoundException>().WithMessage("The device /nonexistent/virtcrypt.img does not exist.");

    /// <summary>A DOS partition table with one Linux partition from sector 2048 to the end (no partitioning tool here).</summary>
    private static void WriteMbrWithOneLinuxPartition(string path)
    {
        var mbr = new byte[512];
        var entry = mbr.AsSpan(446, 16);
        entry[4] = 0x83;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], 2048);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)(new FileInfo(path).Length / 512) - 2048);
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        using var file = File.OpenWrite(path);
        file.Write(mbr);
    }
}
