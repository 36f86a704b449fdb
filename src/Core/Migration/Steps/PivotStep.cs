using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Live mode: switches the running guest over to every mirrored mapping (a pivot per disk), then checks in the live
/// XML that each disk now runs on its mapping. Disks already switched (by an interrupted run) are left as they are.
/// Undo refuses while the guest runs on the mappings, and otherwise puts back the persistent definition that libvirt
/// may have pointed at them during the switch-over.
/// </summary>
internal sealed class PivotStep(MigrationContext context) : IMigrationStep
{
    public string Name => StepName.Pivot;

    public string? Disk => null;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = LiveDomain.GetRunning(context);
        var live = domain.GetDefinition();
        foreach (var disk in context.Plan.Disks.Where(d => !LiveDomain.RunsOnMapping(live, d)))
        {
            var current = LiveDomain.Disk(live, disk);
            if (current.MirrorPath != disk.MapperPath || !current.IsMirrorReady)
            {
                throw new InvalidOperationStateException(
                    $"The mirror of {disk.Target} onto {disk.MapperPath} is no longer in sync (it was aborted, or the guest restarted); resume the job to mirror it again.");
            }

            context.Report(Name, disk.Target, $"switching {disk.Target} over to {disk.MapperPath}");
            domain.AbortBlockJob(disk.Target, pivot: true);
        }

        live = domain.GetDefinition();
        foreach (var disk in context.Plan.Disks)
        {
            if (!LiveDomain.RunsOnMapping(live, disk))
            {
                throw new VirtCryptException(
                    $"After the switch-over, {disk.Target} of '{domain.Name}' runs on {LiveDomain.Disk(live, disk).SourcePath}, not on {disk.MapperPath}; resume the job to mirror it again.");
            }
        }

        return Task.CompletedTask;
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        LiveDomain.RequireNotRunningOnMappings(context);
        DefineStep.RestorePreviousDefinition(context);
        return Task.CompletedTask;
    }
}
