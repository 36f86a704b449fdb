using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>Starts the migrated domain; undo stops it hard (the rollback removes its disks next).</summary>
internal sealed class StartStep(MigrationContext context) : IMigrationStep
{
    public string Name => "Start";

    public string? Disk => null;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = context.Hypervisor.GetDomain(context.Plan.TargetDomain);
        if (!domain.IsActive)
        {
            context.Report(Name, null, $"starting '{domain.Name}'");
            domain.Start();
        }

        return Task.CompletedTask;
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        using var domain = context.Hypervisor.FindDomain(context.Plan.TargetDomain);
        if (domain is { IsActive: true })
        {
            domain.Destroy();
        }

        return Task.CompletedTask;
    }
}
