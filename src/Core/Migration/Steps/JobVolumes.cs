using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>A disk's new logical volume, derived from the plan's volume group and name and proven the job's by its tag.</summary>
internal static partial class JobVolumes
{
    /// <remarks>
    /// Every read of a suspended device waits for ever, so a suspended volume is never handed back: an in-place job's is
    /// activated again (see <see cref="ReactivateSuspendedAsync"/>), any other is refused.
    /// </remarks>
    /// <exception cref="ObjectNotFoundException">The volume is gone.</exception>
    /// <exception cref="ForeignObjectException">A volume of that name exists but does not carry the job's tag.</exception>
    /// <exception cref="InvalidOperationStateException">The volume is suspended and not by this job, or LVM did not activate it again.</exception>
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
    /// Only the in-place steps resize the job's volume, and LVM suspends its device while it commits a resize, so a kill
    /// in between leaves it suspended: with the new table loaded but not live (metadata not committed), or with the old
    /// table live (committed). Deactivating and activating it gives it the table of the committed metadata in both
    /// cases; <c>lvchange --refresh</c> or <c>dmsetup resume</c> would make a loaded table live even when its metadata
    /// was never committed. A volume of another mode, or one something holds open, is refused instead.
    /// </summary>
    private static async Task<LogicalVolume> ReactivateSuspendedAsync(
        MigrationContext context, DiskPlan disk, LogicalVolume volume, CancellationToken cancellationToken)
    {
        var whose = $"{volume}, job {context.Job.Id}'s volume of disk {disk.Target},";
        var suspended = $"{whose} is suspended (every read and write on it waits)";
        if (context.Plan.Request.Mode != MigrationMode.InPlace)
        {
            throw new InvalidOperationStateException(
                $"{suspended}, and this job never resizes it: something else suspended it. Nothing was changed. Find out what did (dmsetup info {volume.DeviceMapperName}), " +
                "let it finish or resume the device, then run the job again.");
        }

        if (volume.IsOpen)
        {
            throw new ResourceBusyException(
                $"{suspended}, left so by an interrupted resize, and {volume.OpenCount} opener(s) hold it, likely blocked on it. Nothing was changed. " +
                $"Drop the table LVM had loaded, resume the device and load the committed one (dmsetup clear {volume.DeviceMapperName} && " +
                $"dmsetup resume {volume.DeviceMapperName} && lvchange --refresh {volume}), then stop what holds it (fuser -v {volume.DevicePath}) and run the job again.");
        }

        var interrupted = context.Job.History.LastOrDefault(r => r.Disk == disk.Target)?.Step ?? StepName.ExtendLv;
        context.Report(interrupted, disk.Target, $"{volume} was left suspended by an interrupted resize: activating it again with the size LVM committed ({ByteCount.WithBytes(volume.SizeBytes)})");
        Reactivating(context.Loggers.CreateLogger(typeof(JobVolumes).FullName!), volume.ToString(), context.Job.Id, volume.SizeBytes);
        await volume.DeactivateAsync(cancellationToken).ConfigureAwait(false);
        var active = await volume.ActivateAsync(cancellationToken).ConfigureAwait(false);
        return active.IsActive && !active.IsSuspended ? active : throw new InvalidOperationStateException(
            $"{whose} was deactivated to end its suspension, and LVM did not activate it again " +
            $"(an activation skip flag, or activation/volume_list in lvm.conf?). Activate it (lvchange -ay -K {volume}), then run the job again.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logical volume {Volume} of job {JobId} was left suspended by an interrupted resize; deactivating and activating it again at the committed size of {SizeBytes} bytes")]
    private static partial void Reactivating(ILogger logger, string volume, string jobId, long sizeBytes);
}
