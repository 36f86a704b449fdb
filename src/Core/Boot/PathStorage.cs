namespace VirtCrypt.Boot;

/// <summary>Where a path is stored: the filesystem mounted there and whether a dm-crypt device is underneath.</summary>
/// <param name="Path">The path asked about (absolute).</param>
/// <param name="MountPoint">The mount point of the filesystem holding it.</param>
/// <param name="Source">The mount's source, for example <c>/dev/mapper/vg0-root</c>, <c>tmpfs</c>.</param>
/// <param name="FileSystemType">The filesystem type, for example <c>ext4</c>.</param>
/// <param name="EncryptedBy">The dm-crypt device the filesystem sits on (directly or under LVM/RAID), or null when none.</param>
internal sealed record PathStorage(string Path, string MountPoint, string Source, string FileSystemType, string? EncryptedBy)
{
    /// <summary>Whether a dm-crypt device is somewhere under the filesystem.</summary>
    public bool IsEncrypted => EncryptedBy is not null;

    /// <summary>Whether the filesystem lives in memory only (its files are gone after a reboot).</summary>
    public bool IsVolatile => FileSystemType is "tmpfs" or "ramfs";
}
