using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>A disk's new logical volume, derived from the plan's volume group and name and proven the job's by its tag.</summary>
internal static class JobVolumes
{
    /// <exception cref="ObjectNotFoundException">The volume is gone.</exception>
    /// <exception cref="ForeignObjectException">A volume of that name exists but does not carry the job's tag.</exception>
    internal static async Task<LogicalVolume> GetOwnAsync(MigrationContext context, DiskPlan disk, CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(disk.VolumeGroup, cancellationToken).ConfigureAwait(false);
        var volume = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == disk.LvName)
            ?? throw new ObjectNotFoundException(
                $"{disk.VolumeGroup}/{disk.LvName}, the logical volume job {context.Job.Id} created for disk {disk.Target}, does not exist (any more): roll the job back.");
        return volume.Tags.Contains(context.JobTag)
            ? volume
            : throw new ForeignObjectException(
                $"{disk.VolumeGroup}/{disk.LvName} is not job {context.Job.Id}'s: it lacks the tag {context.JobTag} the job gives its volumes. It is left alone; nothing was changed.");
    }
}
