using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>A disk's new logical volume, derived from the plan's volume group and name and proven the job's by its tag.</summary>
internal static class JobVolumes
{
    /// <remarks>A volume an interrupted resize left suspended is activated again first (see <see cref="ReactivateSuspendedAsync"/>).</remarks>
    /// <exception cref="ObjectNotFoundException">The volume is gone.</exception>
    /// <exception cref="ForeignObjectException">A volume of that name exists but does not carry the job's tag.</exception>
    /// <exception cref="ResourceBusyException">The volume is suspended and something holds it open; nothing was changed.</exception>
    internal static async Task<LogicalVolume> GetOwnAsync(MigrationContext context, DiskPlan disk, CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(disk.VolumeGroup, cancellationToken).ConfigureAwait(false);
        var volume = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == disk.LvName)
            ?? throw new ObjectNotFoundException(
                $"{disk.VolumeGroup}/{disk.LvName}, the logical volume job {context.Job.Id} created for disk {disk.Target}, does not exist (any more): roll the job back.");
        if (!volume.Tags.Contains(context.JobTag))
        {
            throw new ForeignObjectException(
                $"{disk.VolumeGroup}/{disk.LvName} is not job {context.Job.Id}'s: it lacks the tag {context.JobTag} the job gives its volumes. It is left alone; nothing was changed.");
        }

        return volume.IsSuspended ? await ReactivateSuspendedAsync(context, disk, volume, cancellationToken).ConfigureAwait(false) : volume;
    }

    /// <summary>
    /// A resize suspends the device while LVM commits its metadata, so a kill in between leaves it suspended: with the
    /// new table loaded but not live (metadata not committed), or with the old table live (committed). Deactivating and
    /// activating it gives it the table of the committed metadata in both cases; <c>lvchange --refresh</c> would make
    /// a loaded table live even when its metadata was never committed.
    /// </summary>
    private static async Task<LogicalVolume> ReactivateSuspendedAsync(
        MigrationContext context, DiskPlan disk, LogicalVolume volume, CancellationToken cancellationToken)
    {
        var interrupted = context.Job.History.LastOrDefault(r => r.Disk == disk.Target)?.Step ?? StepName.TagLv;
        context.Report(interrupted, disk.Target, $"{volume} was left suspended by an interrupted resize: activating it again with the size LVM recorded ({ByteCount.WithBytes(volume.SizeBytes)})");
        await volume.DeactivateAsync(cancellationToken).ConfigureAwait(false);
        return await volume.ActivateAsync(cancellationToken).ConfigureAwait(false);
    }
}
