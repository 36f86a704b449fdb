using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>An LVM logical volume as it was when read (<see cref="RefreshAsync"/> reads it again).</summary>
public sealed class LogicalVolume
{
    private readonly LvmHost host;
    private readonly VolumeGroup volumeGroup;
    private readonly LvmName volumeGroupName;
    private readonly LvmName name;

    internal LogicalVolume(LvmHost host, VolumeGroup volumeGroup, LogicalVolumeRow row, LvmKernelState? state)
    {
        this.host = host;
        this.volumeGroup = volumeGroup;
        volumeGroupName = LvmNames.Reported(row.VolumeGroupName);
        name = LvmNames.Reported(row.Name);
        Uuid = row.Uuid;
        DevicePath = row.Path.Length > 0 ? row.Path : $"/dev/{volumeGroupName}/{name}";
        SizeBytes = row.SizeBytes;
        IsActive = state?.IsActive ?? false;
        OpenCount = state?.OpenCount ?? 0;
        Tags = (row.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        IsSuspended = row.Suspended is "suspended" or "1"; // "1" with report/binary_values_as_numeric in lvm.conf
    }

    /// <summary>The name of its volume group.</summary>
    public string VolumeGroupName => volumeGroupName.Value;

    /// <summary>Its name in the volume group.</summary>
    public string Name => name.Value;

    /// <summary>LVM's UUID of the logical volume.</summary>
    public string Uuid { get; }

    /// <summary>Its block device, <c>/dev/VG/LV</c> (present while it is active).</summary>
    public string DevicePath { get; }

    /// <summary>Its LVM tags (VirtCrypt marks the volumes a migration job creates with the job's tag).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Its size.</summary>
    public long SizeBytes { get; }

    /// <summary>Whether it is active (a device-mapper device exists for it).</summary>
    public bool IsActive { get; }

    /// <summary>How many openers hold its device (a mount, a dm-crypt mapping, a guest, an open file descriptor).</summary>
    public int OpenCount { get; }

    /// <summary>
    /// Whether its device is suspended, so every read and write on it waits: an LVM command killed in the middle of a
    /// resize leaves it so.
    /// </summary>
    public bool IsSuspended { get; }

    /// <summary>Whether anything holds its device open.</summary>
    public bool IsOpen => OpenCount > 0;

    /// <summary>The name of its device-mapper device (<c>/dev/mapper/VG-LV</c>).</summary>
    internal string DeviceMapperName => LvmNames.DeviceMapperName(volumeGroupName, name);

    /// <summary>Its device nodes, <c>/dev/VG/LV</c> and <c>/dev/mapper/VG-LV</c>.</summary>
    internal string[] DevicePaths => LvmNames.DevicePaths(volumeGroupName, name);

    /// <summary>The device-mapper UUID LVM gives its device; it identifies the device whatever state it is in.</summary>
    internal string DeviceMapperUuid => DmUuids.OfLogicalVolume(volumeGroup.Uuid, Uuid);

    /// <summary>Reads the logical volume again.</summary>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    public Task<LogicalVolume> RefreshAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync(session => volumeGroup.ReadLogicalVolume(session, name), cancellationToken);

    /// <summary>Removes it, after checking (afresh) that nothing holds it open.</summary>
    /// <exception cref="ResourceBusyException">It is open; nothing was changed.</exception>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    internal Task RemoveAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync(session =>
        {
            EnsureNotOpen(session, "remove");
            LvmProxy.Remove(session, volumeGroupName, name);
            StorageLog.LogicalVolumeRemoved(host.Logger, DevicePath);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Activates it, so its device exists, and creates its device node (<see cref="DevicePath"/>) when that is
    /// missing (a host without udev, an activation interrupted before the node was made); returns its new state.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    internal Task<LogicalVolume> ActivateAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync(session =>
        {
            LvmProxy.SetActive(session, volumeGroupName, name, active: true);
            if (!NodeExists(DevicePath))
            {
                LvmProxy.MakeNodes(session, volumeGroupName);
            }

            return volumeGroup.ReadLogicalVolume(session, name);
        }, cancellationToken);

    /// <summary>Deactivates it, after checking that nothing holds it open; returns its new state.</summary>
    /// <exception cref="ResourceBusyException">It is open; nothing was changed.</exception>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    internal Task<LogicalVolume> DeactivateAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync(session =>
        {
            EnsureNotOpen(session, "deactivate");
            LvmProxy.SetActive(session, volumeGroupName, name, active: false);
            return volumeGroup.ReadLogicalVolume(session, name);
        }, cancellationToken);

    /// <summary>Adds (or removes) an LVM tag; returns its new state.</summary>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    internal Task<LogicalVolume> ChangeTagAsync(string tag, bool add, CancellationToken cancellationToken) =>
        host.RunAsync(session =>
        {
            LvmProxy.ChangeTag(session, volumeGroupName, name, LvmNames.Tag(tag), add);
            return volumeGroup.ReadLogicalVolume(session, name);
        }, cancellationToken);

    /// <summary>
    /// Resizes it to <paramref name="sizeBytes"/> (a whole number of extents) while nothing holds it open; its content is
    /// not resized, so shrinking drops its end. Returns its new state.
    /// </summary>
    /// <exception cref="ResourceBusyException">It is open; nothing was changed.</exception>
    /// <exception cref="InsufficientSpaceException">Growing it needs more than the free space of its volume group; nothing was changed.</exception>
    internal Task<LogicalVolume> ResizeAsync(long sizeBytes, CancellationToken cancellationToken) =>
        host.RunAsync(session =>
        {
            EnsureNotOpen(session, "resize");
            var current = volumeGroup.ReadLogicalVolume(session, name);
            var group = LvmProxy.VolumeGroups(session).First(vg => vg.Name == volumeGroupName.Value);
            if (sizeBytes % group.ExtentSizeBytes != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, $"A size of {this} must be a whole number of extents ({group.ExtentSizeBytes} bytes).");
            }

            if (sizeBytes - current.SizeBytes > group.FreeBytes)
            {
                throw new InsufficientSpaceException(
                    $"Volume group {volumeGroupName} has not enough free space to grow {this} by {ByteCount.WithBytes(sizeBytes - current.SizeBytes)}: "
                    + $"{ByteCount.WithBytes(group.FreeBytes)} are free. Free space in the volume group (or extend it) and try again; nothing was changed.");
            }

            LvmProxy.Resize(session, volumeGroupName, name, sizeBytes);
            return volumeGroup.ReadLogicalVolume(session, name);
        }, cancellationToken);

    /// <summary>"vg0/data".</summary>
    public override string ToString() => $"{volumeGroupName}/{name}";

    /// <summary>Whether the path leads to something (a symlink such as /dev/VG/LV counts only when its target exists).</summary>
    internal static bool NodeExists(string path)
    {
        var node = new FileInfo(path);
        return node.LinkTarget is null ? node.Exists : node.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    private void EnsureNotOpen(LvmSession session, string verb)
    {
        var current = volumeGroup.ReadLogicalVolume(session, name);
        if (current.IsOpen)
        {
            throw new ResourceBusyException(
                $"Cannot {verb} logical volume {this}: its device {DevicePath} is open ({current.OpenCount} opener(s)). "
                + "Unmount it, close the LUKS mapping on it or stop the guest using it, then try again; nothing was changed.");
        }
    }
}
