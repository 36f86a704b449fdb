using System.Globalization;
using System.Text.Json;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// A mail server's data disk, made once per fixture in the test host with the administrator's tools: a GPT
/// (sgdisk) with one ext4 partition (mkfs.ext4, loop mount) holding a <see cref="MaildirTree"/>. Two images of the
/// same final state: raw, and a qcow2 overlay (relative backing path) over a compressed qcow2 base that holds the
/// day before (zstd: deflate, qemu-img's default, takes several times longer to make under emulation; both are
/// read in the Native tests). The disk's size is a multiple of 4 KiB but not of the 4 MiB extent, so only an exact-size mapping
/// keeps the backup GPT header on the last sector.
/// </summary>
internal sealed class MailStore : IDisposable
{
    internal const long DiskBytes = (24L << 20) + (12 << 10);
    private const string RawName = "mailstore.img";
    private const string BaseName = "mailstore-base.qcow2";
    private const string OverlayName = "mailstore.qcow2";

    private readonly string directory;

    private MailStore(string directory, string partition, IReadOnlyList<string> manifest)
    {
        this.directory = directory;
        Partition = partition;
        Manifest = manifest;
    }

    /// <summary>The source's partition 1 (<c>sgdisk -i 1</c>).</summary>
    internal string Partition { get; }

    /// <summary>The source's file tree (taken while it was mounted to be written: its files were still in memory).</summary>
    internal IReadOnlyList<string> Manifest { get; }

    internal static MailStore Build()
    {
        TestHost.Require();
        var directory = Directory.CreateTempSubdirectory("virtcrypt-mailstore-").FullName;
        var raw = Path.Combine(directory, RawName);
        using (var file = File.Create(raw))
        {
            file.SetLength(DiskBytes);
        }

        ExternalTool.Run("sgdisk", "--clear", "--new=1:2048:0", "--typecode=1:8300", "--change-name=1:mail", raw);
        IReadOnlyList<string> manifest;
        using (var loop = LoopDevice.AttachPartitioned(raw, readOnly: false))
        {
            ExternalTool.Run("mkfs.ext4", "-q", "-F", "-L", "mailstore", "-b", "4096", "-N", "4096", "-E", "lazy_itable_init=0,lazy_journal_init=0", loop.Partition(1));
            var tree = new MaildirTree();
            using (var mounted = MountedFileSystem.Mount(loop.Partition(1), readOnly: false))
            {
                tree.WriteInitialState(mounted.Path, messages: 1000);
            }

            ExternalTool.Run("qemu-img", "convert", "-c", "-O", "qcow2", "-o", "compression_type=zstd", raw, Path.Combine(directory, BaseName));
            using (var mounted = MountedFileSystem.Mount(loop.Partition(1), readOnly: false))
            {
                tree.WriteNextDay(mounted.Path, newMessages: 100);
                manifest = FileTreeManifest.Of(mounted.Path);
            }

            CheckFileSystem(loop.Partition(1));
        }

        var overlay = Path.Combine(directory, OverlayName);
        ExternalTool.Run("qemu-img", "convert", "-O", "qcow2", "-B", Path.Combine(directory, BaseName), "-F", "qcow2", raw, overlay);
        ExternalTool.Run("qemu-img", "rebase", "-u", "-b", BaseName, "-F", "qcow2", overlay);
        CheckQcowChain(directory);
        return new MailStore(directory, ExternalTool.Run("sgdisk", "-i", "1", raw), manifest);
    }

    /// <summary>Copies the image of <paramref name="format"/> (for qcow2, the chain) into <paramref name="target"/>: the disk's path and every file.</summary>
    internal (string Disk, IReadOnlyList<string> Files) CopyTo(string target, MailStoreFormat format)
    {
        string[] names = format == MailStoreFormat.Raw ? [RawName] : [OverlayName, BaseName];
        foreach (var name in names)
        {
            ExternalTool.Run("cp", "--sparse=always", Path.Combine(directory, name), Path.Combine(target, name));
        }

        return (Path.Combine(target, names[0]), [.. names.Select(n => Path.Combine(target, n))]);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static void CheckFileSystem(string partition)
    {
        var (exit, output, error) = ExternalTool.RunToEnd("fsck.ext4", "-fn", partition);
        if (exit != 0)
        {
            throw new InvalidOperationException($"The mail store's own filesystem is not clean: {output}{error}");
        }
    }

    /// <summary>Makes sure the chain is what the tests claim: compressed clusters in the base, data of its own in the overlay.</summary>
    private static void CheckQcowChain(string directory)
    {
        var check = ExternalTool.Run("qemu-img", "check", Path.Combine(directory, BaseName));
        var compressed = check.Split('\n').Single(l => l.Contains("compressed clusters", StringComparison.Ordinal));
        if (compressed.Contains(" 0.00% compressed", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The qcow2 base has no compressed cluster: {check}");
        }

        using var map = JsonDocument.Parse(ExternalTool.Run("qemu-img", "map", "--output=json", Path.Combine(directory, OverlayName)));
        var ownData = map.RootElement.EnumerateArray().Where(e => e.GetProperty("depth").GetInt32() == 0 && e.GetProperty("data").GetBoolean())
            .Sum(e => e.GetProperty("length").GetInt64());
        var info = ExternalTool.Run("qemu-img", "info", Path.Combine(directory, OverlayName));
        if (ownData == 0 || !info.Contains("backing file: " + BaseName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The overlay holds {ownData} bytes of its own: {info}"));
        }
    }
}
