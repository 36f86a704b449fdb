using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>Starts the migrated domain; undo stops it hard (the rollback removes its disks next).</summary>
internal sealed class StartStep(MigrationContext context) : IMigrationStep
{
    public string Name => StepName.Start;

    public string? Disk => null;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.FindMigrated(context) ?? throw new ObjectNotFoundException(
            $"'{context.Plan.TargetDomain}', the domain job {context.Job.Id} defined, no longer exists; roll the job back.");
        if (!domain.IsActive)
        {
            context.Report(Name, null, $"starting '{domain.Name}'");
            domain.Start();
        }

        return Task.CompletedTask;
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.FindMigrated(context);
        if (domain is { IsActive: true })
        {
            domain.Destroy();
        }

        return Task.CompletedTask;
    }
}
