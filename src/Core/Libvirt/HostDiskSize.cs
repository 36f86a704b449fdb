using System.Globalization;
using VirtCrypt.Crypto;

namespace VirtCrypt.Libvirt;

/// <summary>The size of a raw disk read from the host: a regular file's length or a block device's size from sysfs.</summary>
internal static class HostDiskSize
{
    private const string SysBlock = "/sys/class/block";

    /// <summary>False when <paramref name="path"/> is a device node sysfs does not describe.</summary>
    internal static bool TryOf(string path, out long size)
    {
        var file = new FileInfo(path);
        var target = file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        if (!target.StartsWith("/dev/", StringComparison.Ordinal))
        {
            size = new FileInfo(target).Length;
            return true;
        }

        var device = SysfsDevice(target);
        size = device is null ? 0 : SectorsToBytes(File.ReadAllText(Path.Combine(device, "size")));
        return device is not null;
    }

    /// <summary>
    /// The sysfs directory of a block device node. Without udev, /dev/mapper/NAME is a node of its own rather than a
    /// link to /dev/dm-N, so mappings are found by their device-mapper name.
    /// </summary>
    private static string? SysfsDevice(string node)
    {
        var byName = Path.Combine(SysBlock, Path.GetFileName(node));
        if (Directory.Exists(byName))
        {
            return byName;
        }

        if (!MapperName.TryParsePath(node, out var mapper) || !Directory.Exists(SysBlock))
        {
            return null;
        }

        var mapping = mapper.Name;
        return Directory.EnumerateDirectories(SysBlock, "dm-*").FirstOrDefault(dm =>
            File.Exists(Path.Combine(dm, "dm", "name")) && File.ReadAllText(Path.Combine(dm, "dm", "name")).Trim() == mapping);
    }

    // The kernel reports every block device's size in 512-byte sectors, whatever its logical sector size.
    private static long SectorsToBytes(string sectors) => long.Parse(sectors.Trim(), CultureInfo.InvariantCulture) * 512;
}
