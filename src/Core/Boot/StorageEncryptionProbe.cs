using System.Text.RegularExpressions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Boot;

/// <summary>
/// Tells whether a path's filesystem is itself on an encrypted device: finds its mount in
/// <c>/proc/self/mountinfo</c>, then walks the block device and everything under it in sysfs (<c>slaves/</c>) looking
/// for a device-mapper device whose <c>dm/uuid</c> starts with <c>CRYPT-</c> (dm-crypt). A keyfile on an unencrypted
/// disk opens the volume for whoever takes the disk.
/// </summary>
/// <param name="procRoot">Where procfs is mounted; <c>/proc</c> unless testing.</param>
/// <param name="sysRoot">Where sysfs is mounted; <c>/sys</c> unless testing.</param>
internal sealed partial class StorageEncryptionProbe(string procRoot = "/proc", string sysRoot = "/sys")
{
    private const int MaxDepth = 16;

    /// <summary>Describes the storage of <paramref name="path"/> (which need not exist yet).</summary>
    /// <exception cref="ObjectNotFoundException">No mount holds the path (the mount table is unreadable).</exception>
    public PathStorage Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        // The longest mount point wins; of equal ones the last, which hides the others.
        var mount = ReadMounts().Where(m => Contains(m.MountPoint, full)).OrderBy(m => m.MountPoint.Length).LastOrDefault()
            ?? throw new ObjectNotFoundException($"No mount in {procRoot}/self/mountinfo holds {full}.");
        var device = DeviceDirectory(mount);
        return new PathStorage(full, mount.MountPoint, mount.Source, mount.FileSystemType, device is null ? null : FindCrypt(device, 0));
    }

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);

    /// <summary>The block device's sysfs directory: by major:minor, else by the mount source's device name.</summary>
    private string? DeviceDirectory(Mount mount)
    {
        var byNumber = Path.Combine(sysRoot, "dev", "block", mount.DeviceNumber);
        if (Directory.Exists(byNumber))
        {
            return byNumber;
        }

        if (!mount.Source.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return null;
        }

        var target = File.Exists(mount.Source) ? new FileInfo(mount.Source).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? mount.Source : mount.Source;
        var byName = Path.Combine(sysRoot, "class", "block", Path.GetFileName(target));
        return Directory.Exists(byName) ? byName : null;
    }

    /// <summary>The name of the first dm-crypt device at or under <paramref name="device"/>, or null.</summary>
    private string? FindCrypt(string device, int depth)
    {
        var uuid = Path.Combine(device, "dm", "uuid");
        if (File.Exists(uuid) && File.ReadAllText(uuid).StartsWith("CRYPT-", StringComparison.Ordinal))
        {
            var name = Path.Combine(device, "dm", "name");
            return File.Exists(name) ? MapperName.PathOf(File.ReadAllText(name).Trim()) : Path.GetFileName(device);
        }

        var slaves = Path.Combine(device, "slaves");
        if (depth >= MaxDepth || !Directory.Exists(slaves))
        {
            return null;
        }

        return new DirectoryInfo(slaves).EnumerateFileSystemInfos()
            .Select(s => FindCrypt(Path.Combine(sysRoot, "class", "block", s.Name), depth + 1))
            .FirstOrDefault(c => c is not null);
    }

    private IEnumerable<Mount> ReadMounts()
    {
        foreach (var line in File.ReadLines(Path.Combine(procRoot, "self", "mountinfo")))
        {
            // id parent major:minor root mount-point options [optional fields...] - type source super-options
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (separator > 0 && separator + 2 < fields.Length)
            {
                yield return new Mount(fields[2], Unescape(fields[4]), fields[separator + 1], Unescape(fields[separator + 2]));
            }
        }
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as octal escapes (<c>\040</c>).</summary>
    private static string Unescape(string field) =>
        OctalEscape().Replace(field, m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    [GeneratedRegex(@"\\([0-7]{3})")]
    private static partial Regex OctalEscape();

    private sealed record Mount(string DeviceNumber, string MountPoint, string FileSystemType, string Source);
}
