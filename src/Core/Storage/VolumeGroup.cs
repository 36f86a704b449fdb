using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>
/// An LVM volume group as it was when read (<see cref="RefreshAsync"/> reads it again), and the place to create
/// logical volumes.
/// </summary>
public sealed class VolumeGroup
{
    private readonly LvmHost host;
    private readonly LvmName name;

    internal VolumeGroup(LvmHost host, VolumeGroupRow row, IReadOnlyList<PhysicalVolume> physicalVolumes)
    {
        this.host = host;
        name = LvmNames.Reported(row.Name);
        Uuid = row.Uuid;
        SizeBytes = row.SizeBytes;
        FreeBytes = row.FreeBytes;
        ExtentSizeBytes = row.ExtentSizeBytes;
        ExtentCount = row.ExtentCount;
        FreeExtentCount = row.FreeExtentCount;
        LogicalVolumeCount = row.LogicalVolumeCount;
        PhysicalVolumes = physicalVolumes;
    }

    /// <summary>The volume group's name.</summary>
    public string Name => name.Value;

    /// <summary>LVM's UUID of the volume group.</summary>
    public string Uuid { get; }

    /// <summary>Its total size.</summary>
    public long SizeBytes { get; }

    /// <summary>The space no logical volume uses.</summary>
    public long FreeBytes { get; }

    /// <summary>The allocation unit: every logical volume is a whole number of extents.</summary>
    public long ExtentSizeBytes { get; }

    /// <summary>The number of extents in total.</summary>
    public long ExtentCount { get; }

    /// <summary>The number of free extents.</summary>
    public long FreeExtentCount { get; }

    /// <summary>The number of logical volumes in it.</summary>
    public int LogicalVolumeCount { get; }

    /// <summary>The physical volumes it is made of.</summary>
    internal IReadOnlyList<PhysicalVolume> PhysicalVolumes { get; }

    /// <summary>How a logical volume of <paramref name="sizeBytes"/> would be rounded up to whole extents here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    internal SizeRounding RoundUpToExtents(long sizeBytes) => SizeRounding.RoundUp(sizeBytes, ExtentSizeBytes);

    /// <summary>Reads the volume group again.</summary>
    /// <exception cref="ObjectNotFoundException">It no longer exists.</exception>
    public Task<VolumeGroup> RefreshAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync(session => host.ReadVolumeGroup(session, name), cancellationToken);

    /// <summary>Lists its logical volumes (LVM's hidden internal volumes are not listed).</summary>
    /// <exception cref="ObjectNotFoundException">The volume group no longer exists.</exception>
    public Task<IReadOnlyList<LogicalVolume>> GetLogicalVolumesAsync(CancellationToken cancellationToken = default) =>
        host.RunAsync<IReadOnlyList<LogicalVolume>>(ReadLogicalVolumes, cancellationToken);

    /// <summary>Finds one of its logical volumes.</summary>
    /// <exception cref="InvalidNameException">The name breaks LVM's naming rules.</exception>
    /// <exception cref="ObjectNotFoundException">There is no such logical volume.</exception>
    public Task<LogicalVolume> GetLogicalVolumeAsync(string logicalVolumeName, CancellationToken cancellationToken = default)
    {
        var lvName = LvmNames.LogicalVolume(name, logicalVolumeName);
        return host.RunAsync(session => ReadLogicalVolume(session, lvName), cancellationToken);
    }

    /// <summary>
    /// Creates a linear logical volume of at least <paramref name="sizeBytes"/>, rounded up to whole extents (the
    /// result reports the rounding), and activates it. Old signatures in its extents are wiped. Before changing
    /// anything it checks the name, that the volume group exists, that no logical volume has the name, and that the
    /// rounded size fits in the free space. <paramref name="tags"/> (LVM name characters only) are added to it.
    /// </summary>
    /// <exception cref="InvalidNameException">The name or a tag breaks LVM's naming rules.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    /// <exception cref="ObjectNotFoundException">The volume group no longer exists.</exception>
    /// <exception cref="ObjectAlreadyExistsException">A logical volume with the name exists.</exception>
    /// <exception cref="InsufficientSpaceException">The volume group has not enough free space.</exception>
    internal Task<CreatedLogicalVolume> CreateLinearAsync(
        string logicalVolumeName, long sizeBytes, IReadOnlyCollection<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var lvName = LvmNames.LogicalVolume(name, logicalVolumeName);
        var lvTags = (tags ?? []).Select(LvmNames.Tag).ToList();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        return host.RunAsync(session =>
        {
            var current = LvmProxy.VolumeGroups(session).FirstOrDefault(vg => vg.Name == name.Value)
                ?? throw new ObjectNotFoundException($"Volume group {name} no longer exists.");
            var rounding = SizeRounding.RoundUp(sizeBytes, current.ExtentSizeBytes);
            if (LvmProxy.LogicalVolumes(session, name).Any(lv => lv.Name == lvName.Value))
            {
                throw new ObjectAlreadyExistsException($"Logical volume {name}/{lvName} already exists. Choose another name or remove it first.");
            }

            if (rounding.AllocatedBytes > current.FreeBytes)
            {
                throw new InsufficientSpaceException(
                    $"Volume group {name} has not enough free space for logical volume {lvName}: it needs {ByteCount.WithBytes(rounding.AllocatedBytes)}"
                    + $" ({rounding.Extents} extents of {ByteCount.Format(rounding.ExtentSizeBytes)}), {ByteCount.WithBytes(current.FreeBytes)} are free."
                    + " Free space in the volume group (or extend it) and try again; nothing was changed.");
            }

            LvmProxy.CreateLinear(session, name, lvName, rounding.AllocatedBytes, lvTags);
            var created = ReadLogicalVolume(session, lvName);
            StorageLog.LogicalVolumeCreated(host.Logger, created.DevicePath, created.SizeBytes, sizeBytes);
            return new CreatedLogicalVolume(created, rounding);
        }, cancellationToken);
    }

    internal LogicalVolume ReadLogicalVolume(LvmSession session, LvmName lvName) =>
        ReadLogicalVolumes(session).FirstOrDefault(lv => lv.Name == lvName.Value)
            ?? throw new ObjectNotFoundException($"Logical volume {name}/{lvName} does not exist. The command lvs {name} lists its logical volumes.");

    private List<LogicalVolume> ReadLogicalVolumes(LvmSession session)
    {
        var states = LvmProxy.KernelStates(session, name);
        return LvmProxy.LogicalVolumes(session, name)
            .Select(row => new LogicalVolume(host, this, row, states.FirstOrDefault(s => s.Name == row.Name)))
            .ToList();
    }
}
