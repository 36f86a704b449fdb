using Microsoft.Extensions.Logging;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>Creates the disk's logical volume, tagged with the job, so that only this job's volume is ever removed.</summary>
internal sealed class CreateLvStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => StepName.CreateLv;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(context.Plan.Request.VolumeGroup, cancellationToken).ConfigureAwait(false);
        if (await FindOwnAsync(group, cancellationToken).ConfigureAwait(false) is { } own)
        {
            await MakeUsableAsync(own, cancellationToken).ConfigureAwait(false);
            return;
        }

        context.Report(Name, disk.Target, $"creating {disk.LvPath} ({ByteCount.WithBytes(disk.Layout.LvBytes)})");
        await group.CreateLinearAsync(disk.LvName, disk.Layout.LvBytes, [context.JobTag], cancellationToken).ConfigureAwait(false);
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(context.Plan.Request.VolumeGroup, cancellationToken).ConfigureAwait(false);
        if (await FindOwnAsync(group, cancellationToken).ConfigureAwait(false) is { } volume)
        {
            if (await RemoveOwnHalfMadeDeviceAsync(volume, cancellationToken).ConfigureAwait(false) is { } foreign)
            {
                context.Report(Name, disk.Target, HalfMadeDevices.NotOwnMessage(foreign, $"the device of {disk.LvPath}"));
            }

            context.Report(Name, disk.Target, $"removing {disk.LvPath}");
            await volume.RemoveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the adopted LV ready for the next step, which needs its device: a killed run may have left it committed
    /// but inactive, its device-mapper device without a table, or its /dev node missing.
    /// </summary>
    private async Task MakeUsableAsync(LogicalVolume volume, CancellationToken cancellationToken)
    {
        if (await RemoveOwnHalfMadeDeviceAsync(volume, cancellationToken).ConfigureAwait(false) is { } foreign)
        {
            throw new ObjectAlreadyExistsException(HalfMadeDevices.NotOwnMessage(foreign, $"the device of {disk.LvPath}") + " Then resume.");
        }

        await volume.ActivateAsync(cancellationToken).ConfigureAwait(false);
        if (!LogicalVolume.NodeExists(disk.LvPath))
        {
            throw new VirtCryptException(
                $"{disk.LvPath} is still missing after LVM activated {volume}: check lvs and dmsetup info {volume.DeviceMapperName}, then resume.");
        }
    }

    /// <summary>Removes the LV's device when a killed activation left it without a table; its UUID (LVM's) proves it is the LV's.</summary>
    /// <returns>A half-made device of the LV's device-mapper name that is not the LV's (left in place), or null.</returns>
    private Task<DmDevice?> RemoveOwnHalfMadeDeviceAsync(LogicalVolume volume, CancellationToken cancellationToken) => HalfMadeCleanup.RemoveOwnAsync(
        context, this, volume.DeviceMapperName, volume.DeviceMapperUuid, $"the device of {disk.LvPath}", context.Loggers.CreateLogger<LvmHost>(),
        cancellationToken);

    /// <summary>The LV if it exists and carries this job's tag; refuses one that someone else created meanwhile.</summary>
    private async Task<LogicalVolume?> FindOwnAsync(VolumeGroup group, CancellationToken cancellationToken)
    {
        var volume = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == disk.LvName);
        if (volume is not null && !volume.Tags.Contains(context.JobTag))
        {
            throw new ObjectAlreadyExistsException(
                $"{disk.LvPath} exists but was not created by job {context.Job.Id}; it is left alone. Remove or rename it, then resume.");
        }

        return volume;
    }
}
