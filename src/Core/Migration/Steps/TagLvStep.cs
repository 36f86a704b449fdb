using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place: marks the disk's own logical volume with the job's tag, after checking that it is still the volume the
/// domain uses, at its planned size, without a LUKS header; every later step acts only on the tagged volume. Undo
/// removes the tag from the volume once it is back at its old size.
/// </summary>
internal sealed class TagLvStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    private readonly InPlaceVolume lv = new(context, disk);

    public string Name => StepName.TagLv;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(disk.VolumeGroup, cancellationToken).ConfigureAwait(false);
        var volume = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == disk.LvName)
            ?? throw new ObjectNotFoundException($"{disk.LvPath}, disk {disk.Target}'s logical volume, no longer exists; nothing was changed.");
        if (volume.Tags.Contains(context.JobTag))
        {
            return;
        }

        using (var source = JobDomains.GetSource(context))
        {
            var used = source.GetDefinition(inactive: true).Disks.FirstOrDefault(d => d.Target == disk.Target)?.SourcePath;
            if (used != disk.SourcePath)
            {
                throw new InvalidOperationStateException(
                    $"'{source.Name}' no longer has {disk.Target} on {disk.SourcePath} (it is on {used ?? "nothing"}): plan the migration again. Nothing was changed.");
            }
        }

        if (InPlacePlanChecks.VolumeAt(disk.SourcePath, disk.VolumeGroup, [volume]) is null)
        {
            throw new ForeignObjectException(
                $"Job {context.Job.Id}'s journal has disk {disk.Target} on {disk.SourcePath} but names the volume {volume}, which is not that device: it is left alone. Nothing was changed.");
        }

        lv.RequireSize(volume, lv.OriginalBytes);
        if (DeviceContentProbe.Probe(volume.DevicePath).Any(p => p.Contains("LUKS", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationStateException($"{volume} holds a LUKS header now, which it did not when planned: it is left alone. Nothing was changed.");
        }

        context.Report(Name, disk.Target, $"marking {volume} with {context.JobTag}");
        await volume.ChangeTagAsync(context.JobTag, add: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        var group = await context.Lvm.GetVolumeGroupAsync(disk.VolumeGroup, cancellationToken).ConfigureAwait(false);
        var volume = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == disk.LvName);
        if (volume is null || !volume.Tags.Contains(context.JobTag))
        {
            return;
        }

        lv.RequireSize(volume, lv.OriginalBytes);
        context.Report(Name, disk.Target, $"removing {context.JobTag} from {volume}");
        await volume.ChangeTagAsync(context.JobTag, add: false, cancellationToken).ConfigureAwait(false);
    }
}
