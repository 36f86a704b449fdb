using VirtCrypt.Copy;

namespace VirtCrypt.Tests.Native.Copy;

/// <summary>
/// qcow2 images made by qemu-img/qemu-io, copied by <see cref="BlockCopier"/> and compared byte for byte with
/// <c>qemu-img convert -O raw</c> of the same image: QEMU itself is the reference for what the guest sees.
/// </summary>
[TestFixture]
[Category("Native")]
public class QemuImageCopyTests
{
    private const string Size = "9M";
    private string dir = null!;

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), $"virtcrypt-qemu-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    [TestCase("compat=0.10")]
    [TestCase("compat=1.1")]
    [TestCase("compat=1.1,cluster_size=4096")]
    [TestCase("compat=1.1,cluster_size=512")]
    [TestCase("compat=1.1,cluster_size=2M")]
    public void Copy_OfAWrittenImage_MatchesQemuImgConvert(string options)
    {
        var image = Create("disk.qcow2", options);
        Write(image, "write -P 0x11 0 64k", "write -P 0x22 1M 300k", "write -P 0x33 8M 1M", "write -P 0x44 5000 1000");

        CopyAndCompare(image);
    }

    [TestCase("zlib")]
    [TestCase("zstd")]
    public void Copy_OfACompressedImage_MatchesQemuImgConvert(string compression)
    {
        var plain = Create("plain.qcow2", "compat=1.1");
        Write(plain, "write -P 0x5a 0 2M", "write -P 0xa5 4M 1M", "write -P 0x01 7M 123k");
        var compressed = Path.Combine(dir, "compressed.qcow2");
        ExternalTool.Run("qemu-img", "convert", "-c", "-O", "qcow2", "-o", $"compression_type={compression}", plain, compressed);
        ExternalTool.Run("qemu-img", "info", compressed).Should().Contain($"compression type: {compression}");

        CopyAndCompare(compressed);
    }

    [Test]
    public void Copy_OfAnImageWithZeroClusters_MatchesQemuImgConvert()
    {
        var image = Create("disk.qcow2", "compat=1.1");
        Write(image, "write -P 0x77 0 4M", "write -z 1M 1M", "write -z -u 3M 64k");

        var result = CopyAndCompare(image);

        ExternalTool.Run("qemu-img", "map", "--output=json", image).Should().Contain("\"zero\": true");
        result.BytesSkipped.Should().BeGreaterThanOrEqualTo(1 << 20);
    }

    [Test]
    public void Copy_OfABackingChain_WithRelativeNamesAndRawAndQcow2Layers_MatchesQemuImgConvert()
    {
        var raw = Path.Combine(dir, "base.raw");
        ExternalTool.Run("qemu-img", "create", "-f", "raw", raw, "6M");
        Io(raw, "raw", "write -P 0x10 0 6M");
        var middle = Overlay("middle.qcow2", "base.raw", "raw");
        Write(middle, "write -P 0x20 1M 1M", "write -z 2M 512k");
        var top = Overlay("top.qcow2", "middle.qcow2", "qcow2", Size);
        Write(top, "write -P 0x30 1536k 1M", "write -P 0x40 8M 64k");

        CopyAndCompare(top);
    }

    [Test]
    public void Copy_AfterCommitAndRebase_MatchesQemuImgConvert()
    {
        var baseImage = Create("base.qcow2", "compat=1.1");
        Write(baseImage, "write -P 0x01 0 3M");
        var middle = Overlay("middle.qcow2", "base.qcow2", "qcow2");
        Write(middle, "write -P 0x02 1M 1M");
        var top = Overlay("top.qcow2", "middle.qcow2", "qcow2");
        Write(top, "write -P 0x03 2M 2M");
        ExternalTool.Run("qemu-img", "commit", top);
        ExternalTool.Run("qemu-img", "rebase", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", top);

        CopyAndCompare(top);
        CopyAndCompare(baseImage, "base");
    }

    private string Create(string name, string options)
    {
        var path = Path.Combine(dir, name);
        ExternalTool.Run("qemu-img", "create", "-f", "qcow2", "-o", options, path, Size);
        return path;
    }

    private string Overlay(string name, string backing, string backingFormat, string? size = null)
    {
        var path = Path.Combine(dir, name);
        string[] arguments = ["create", "-f", "qcow2", "-b", backing, "-F", backingFormat, path];
        ExternalTool.Run("qemu-img", size is null ? arguments : [.. arguments, size]);
        return path;
    }

    private static void Write(string image, params string[] commands) => Io(image, "qcow2", commands);

    private static void Io(string image, string format, params string[] commands)
    {
        foreach (var command in commands)
        {
            ExternalTool.Run("qemu-io", "-f", format, "-c", command, image);
        }
    }

    private CopyResult CopyAndCompare(string image, string tag = "out")
    {
        var reference = Path.Combine(dir, $"{tag}.reference.raw");
        var copy = Path.Combine(dir, $"{tag}.copy.raw");
        ExternalTool.Run("qemu-img", "convert", "-O", "raw", image, reference);

        var result = new BlockCopier().CopyAsync(new DiskSource(image, DiskFormat.Qcow2), CopyTarget.File(copy)).GetAwaiter().GetResult();

        result.Verified.Should().BeTrue();
        new FileInfo(copy).Length.Should().Be(new FileInfo(reference).Length);
        FilesEqual(copy, reference).Should().BeTrue($"{image} copied by VirtCrypt must equal qemu-img convert's output");
        return result;
    }

    private static bool FilesEqual(string a, string b) => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
}
