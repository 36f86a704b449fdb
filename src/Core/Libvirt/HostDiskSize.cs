namespace VirtCrypt.Libvirt;

/// <summary>The size of a raw disk read from the host: a regular file's length or a block device's size.</summary>
internal static class HostDiskSize
{
    private const int SectorSize = 512;

    internal static long Of(string path)
    {
        var file = new FileInfo(path);
        var target = file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        var sysfsSize = Path.Combine("/sys/class/block", Path.GetFileName(target), "size");
        if (target.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(sysfsSize))
        {
            // The kernel reports block devices in 512-byte sectors whatever their logical sector size.
            return long.Parse(File.ReadAllText(sysfsSize).Trim(), System.Globalization.CultureInfo.InvariantCulture) * SectorSize;
        }

        return new FileInfo(target).Length;
    }
}
