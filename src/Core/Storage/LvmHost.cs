using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>
/// LVM on this machine, in-process through liblvm2cmd: lists, creates and removes volume groups, the entry point to
/// <see cref="VolumeGroup"/> and <see cref="LogicalVolume"/>. Every name is checked against LVM's rules before a
/// command is built, and every check that can refuse an operation runs before anything is changed. All LVM work of
/// the process runs on one dedicated thread; its handle is released (lvm2_exit) when the last host is disposed,
/// unless the process asked for the native versions (<see cref="Diagnostics.NativeComponents"/>), which keeps it.
/// </summary>
public sealed class LvmHost : IDisposable
{
    private readonly LvmCommandRunner.Lease lease;

    /// <summary>Loads liblvm2cmd and starts (or joins) the process's LVM thread.</summary>
    /// <param name="logger">Receives LVM's own log lines (its verbose and debug output at Debug and Trace) and ours.</param>
    /// <exception cref="NativeLibraryNotFoundException">liblvm2cmd is not installed.</exception>
    /// <exception cref="LvmException">liblvm2cmd could not be initialized.</exception>
    public LvmHost(ILogger<LvmHost>? logger = null)
    {
        Logger = logger ?? NullLogger<LvmHost>.Instance;
        lease = LvmCommandRunner.Acquire();
    }

    internal ILogger Logger { get; }

    /// <summary>Lists the volume groups with their physical volumes.</summary>
    /// <exception cref="VirtCryptException">LVM failed; the message carries its error lines.</exception>
    public Task<IReadOnlyList<VolumeGroup>> GetVolumeGroupsAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<VolumeGroup>>(ReadVolumeGroups, cancellationToken);

    /// <summary>Finds one volume group.</summary>
    /// <exception cref="InvalidNameException">The name breaks LVM's naming rules.</exception>
    /// <exception cref="ObjectNotFoundException">No volume group has that name.</exception>
    public Task<VolumeGroup> GetVolumeGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        var vgName = LvmNames.VolumeGroup(name);
        return RunAsync(session => ReadVolumeGroup(session, vgName), cancellationToken);
    }

    /// <summary>
    /// Creates a volume group on whole devices, which become physical volumes. A device that already holds data (a
    /// filesystem, partition table, LUKS header) is refused and left as it was.
    /// </summary>
    /// <param name="name">The new volume group's name.</param>
    /// <param name="devices">Block device paths under /dev.</param>
    /// <param name="extentSizeBytes">The extent size; LVM's default (4 MiB) when null.</param>
    /// <param name="cancellationToken">Cancels the operation before it changes anything.</param>
    /// <exception cref="InvalidNameException">The name or a device path is invalid.</exception>
    /// <exception cref="ObjectNotFoundException">A device does not exist.</exception>
    /// <exception cref="ObjectAlreadyExistsException">A volume group (or anything under /dev) already has the name.</exception>
    /// <exception cref="ResourceBusyException">A device is already a physical volume of a volume group.</exception>
    /// <exception cref="DeviceNotEmptyException">A device holds data.</exception>
    internal Task<VolumeGroup> CreateVolumeGroupAsync(
        string name, IReadOnlyCollection<string> devices, long? extentSizeBytes = null, CancellationToken cancellationToken = default)
    {
        var vgName = LvmNames.VolumeGroup(name);
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0 || devices.Count > LvmCommandLine.MaxWords - 10)
        {
            throw new ArgumentException($"Give between 1 and {LvmCommandLine.MaxWords - 10} devices.", nameof(devices));
        }

        if (extentSizeBytes is { } extentSize && (extentSize <= 0 || extentSize % 512 != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(extentSizeBytes), extentSize, "The extent size must be a positive multiple of 512 bytes.");
        }

        var paths = devices.Select(LvmDevicePath.Of).Distinct().ToList();
        if (paths.Count != devices.Count)
        {
            throw new ArgumentException("A device is listed twice.", nameof(devices));
        }

        return RunAsync(session =>
        {
            if (LvmProxy.VolumeGroups(session).Any(vg => vg.Name == vgName.Value))
            {
                throw new ObjectAlreadyExistsException($"Volume group {vgName} already exists. Choose another name.");
            }

            if (Path.Exists("/dev/" + vgName.Value))
            {
                throw new ObjectAlreadyExistsException($"/dev/{vgName} already exists, so LVM cannot use \"{vgName}\" as a volume group name. Choose another name.");
            }

            var pvs = LvmProxy.PhysicalVolumes(session);
            foreach (var taken in pvs.Where(pv => pv.VolumeGroupName.Length > 0 && paths.Any(p => p.Value == pv.DevicePath)))
            {
                throw new ResourceBusyException($"{taken.DevicePath} already belongs to volume group {taken.VolumeGroupName}; it was left as it was.");
            }

            LvmProxy.CreateVolumeGroup(session, vgName, paths, extentSizeBytes);
            var created = ReadVolumeGroup(session, vgName);
            StorageLog.VolumeGroupCreated(Logger, created.Name, created.SizeBytes, paths.Count);
            return created;
        }, cancellationToken);
    }

    /// <summary>Removes an empty volume group and wipes the LVM labels of its physical volumes.</summary>
    /// <exception cref="InvalidNameException">The name breaks LVM's naming rules.</exception>
    /// <exception cref="ObjectNotFoundException">No volume group has that name.</exception>
    /// <exception cref="InvalidOperationStateException">The volume group still holds logical volumes.</exception>
    internal Task RemoveVolumeGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        var vgName = LvmNames.VolumeGroup(name);
        return RunAsync(session =>
        {
            var volumeGroup = ReadVolumeGroup(session, vgName);
            if (volumeGroup.LogicalVolumeCount > 0)
            {
                throw new InvalidOperationStateException(
                    $"Volume group {vgName} still holds {volumeGroup.LogicalVolumeCount} logical volume(s); remove them first. Nothing was changed.");
            }

            var labelled = volumeGroup.PhysicalVolumes.Select(pv => LvmDevicePath.Of(pv.DevicePath)).ToList();
            LvmProxy.RemoveVolumeGroup(session, vgName);
            foreach (var device in labelled)
            {
                LvmProxy.RemovePhysicalVolume(session, device);
            }

            StorageLog.VolumeGroupRemoved(Logger, vgName.Value);
            return true;
        }, cancellationToken);
    }

    /// <summary>Releases this host's hold on the LVM thread; the last host released ends it (lvm2_exit).</summary>
    public void Dispose() => lease.Dispose();

    internal Task<T> RunAsync<T>(Func<LvmSession, T> body, CancellationToken cancellationToken) =>
        lease.Runner.RunAsync(body, Logger, cancellationToken);

    internal VolumeGroup ReadVolumeGroup(LvmSession session, LvmName name) =>
        ReadVolumeGroups(session).FirstOrDefault(vg => vg.Name == name.Value)
            ?? throw new ObjectNotFoundException($"Volume group {name} does not exist. The command vgs lists the volume groups.");

    private List<VolumeGroup> ReadVolumeGroups(LvmSession session)
    {
        var pvs = LvmProxy.PhysicalVolumes(session);
        return LvmProxy.VolumeGroups(session)
            .Select(vg => new VolumeGroup(this, vg, pvs.Where(pv => pv.VolumeGroupName == vg.Name)
                .Select(pv => new PhysicalVolume(pv.DevicePath, pv.SizeBytes, pv.FreeBytes, pv.Uuid)).ToList()))
            .ToList();
    }
}
