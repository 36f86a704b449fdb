using VirtCrypt.Copy;
using VirtCrypt.Errors;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Copy;

/// <summary>
/// Copies onto a real dm-crypt mapping of a loop device. The mapping is made with the cryptsetup CLI (plain mode,
/// key file) in test setup only: a fresh mapping decrypts its unwritten sectors to noise, which is the point.
/// </summary>
[TestFixture]
[Category("Integration")]
public class DmCryptCopyTests
{
    private const int MappingSize = 48 << 20;
    private LoopDevice loop = null!;
    private string name = null!;
    private string keyFile = null!;

    private string Mapping => $"/dev/mapper/{name}";

    [SetUp]
    public void OpenMapping()
    {
        TestHost.Require();
        loop = LoopDevice.Create(MappingSize);
        name = $"cr_copytest_{Guid.NewGuid():N}"[..24];
        keyFile = Path.Combine(Path.GetTempPath(), $"{name}.key");
        File.WriteAllBytes(keyFile, Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 64));
        ExternalTool.Run("cryptsetup", "open", "--type", "plain", "--cipher", "aes-xts-plain64", "--key-size", "512",
            "--key-file", keyFile, loop.DevicePath, name);
    }

    [TearDown]
    public void CloseMapping()
    {
        ExternalTool.Run("cryptsetup", "close", name);
        File.Delete(keyFile);
        loop.Dispose();
    }

    [Test]
    public void RawSparseSource_OntoAFreshMapping_IsVerified_AndItsHolesReadBackAsZeros()
    {
        var source = TempFile("raw");
        using (var file = new FileStream(source, FileMode.CreateNew))
        {
            file.Write(Noise(3 << 20, 1));
            file.Seek(20 << 20, SeekOrigin.Current);
            file.Write(Noise((5 << 20) + 777, 2));
            file.SetLength((36 << 20) + 4096);
        }

        ReadMapping(1 << 20).Should().Contain(b => b != 0, "a fresh dm-crypt mapping reads noise");

        var result = Copy(new DiskSource(source, DiskFormat.Raw));

        result.Verified.Should().BeTrue();
        result.BytesZeroed.Should().BeGreaterThan(20 << 20, "the holes must be written: the mapping does not read zeros");
        result.TargetTailUntouched.Should().BeTrue();
        ReadMapping((int)result.SourceSize).AsSpan().SequenceEqual(File.ReadAllBytes(source)).Should().BeTrue();
        File.Delete(source);
    }

    [Test]
    public void Qcow2Source_WithBackingAndCompression_OntoAMapping_EqualsQemuImgConvert()
    {
        var baseImage = TempFile("base.qcow2");
        var top = TempFile("top.qcow2");
        var reference = TempFile("reference.raw");
        ExternalTool.Run("qemu-img", "create", "-f", "qcow2", baseImage, "32M");
        ExternalTool.Run("qemu-io", "-f", "qcow2", "-c", "write -P 0x61 0 8M", "-c", "write -z 8M 4M", baseImage);
        ExternalTool.Run("qemu-img", "create", "-f", "qcow2", "-b", Path.GetFileName(baseImage), "-F", "qcow2", top);
        ExternalTool.Run("qemu-io", "-f", "qcow2", "-c", "write -P 0x62 4M 6M", "-c", "write -c -P 0x63 20M 64k", top);
        ExternalTool.Run("qemu-img", "convert", "-O", "raw", top, reference);

        var result = Copy(new DiskSource(top, DiskFormat.Qcow2));

        result.Verified.Should().BeTrue();
        ReadMapping(32 << 20).AsSpan().SequenceEqual(File.ReadAllBytes(reference)).Should().BeTrue();
        foreach (var file in new[] { baseImage, top, reference })
        {
            File.Delete(file);
        }
    }

    [Test]
    public void SourceLargerThanTheMapping_IsRefusedBeforeWriting()
    {
        var source = TempFile("big.raw");
        using (var file = new FileStream(source, FileMode.CreateNew))
        {
            file.Write(Noise(1 << 20, 3));
            file.SetLength(MappingSize + (1 << 20));
        }

        var before = ReadMapping(1 << 20);

        var copy = () => Copy(new DiskSource(source, DiskFormat.Raw));

        copy.Should().Throw<InsufficientSpaceException>().WithMessage($"*{Mapping}*");
        ReadMapping(1 << 20).Should().Equal(before);
        File.Delete(source);
    }

    private CopyResult Copy(DiskSource source) =>
        new BlockCopier().CopyAsync(source, CopyTarget.BlockDevice(Mapping), new CopyOptions { RequestSize = 1 << 20 }).GetAwaiter().GetResult();

    private byte[] ReadMapping(int length)
    {
        var bytes = new byte[length];
        using var device = new FileStream(Mapping, FileMode.Open, FileAccess.Read);
        device.ReadExactly(bytes);
        return bytes;
    }

    private string TempFile(string suffix) => Path.Combine(Path.GetTempPath(), $"{name}-{suffix}");

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
