using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>Starts the migrated domain; undo stops it hard (the rollback removes its disks next).</summary>
internal sealed class StartStep(MigrationContext context) : IMigrationStep
{
    public string Name => "Start";

    public string? Disk => null;

    private Guid Uuid => context.Plan.Request.Mode == MigrationMode.Clone
        ? VirtCrypt.Libvirt.DomainDefinition.Parse(context.Plan.NewDomainXml).Uuid!.Value
        : context.Plan.SourceUuid;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = context.Hypervisor.GetDomain(Uuid);
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
        if (domain is { IsActive: true } && domain.Uuid == Uuid)
        {
            domain.Destroy();
        }

        return Task.CompletedTask;
    }
}
