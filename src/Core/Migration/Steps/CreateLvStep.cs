using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>Creates the disk's logical volume, tagged with the job, so that only this job's volume is ever removed.</summary>
internal sealed class CreateLvStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => "CreateLv";

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(context.Plan.Request.VolumeGroup, cancellationToken).ConfigureAwait(false);
        if (await FindOwnAsync(group, cancellationToken).ConfigureAwait(false) is not null)
        {
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
            context.Report(Name, disk.Target, $"removing {disk.LvPath}");
            await volume.RemoveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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
