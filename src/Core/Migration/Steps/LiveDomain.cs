using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration.Steps;

/// <summary>What the Live steps read of the running domain: its live disks, and whether they run on the new mappings.</summary>
internal static class LiveDomain
{
    /// <summary>The domain being migrated, which must be running.</summary>
    internal static Domain GetRunning(MigrationContext context)
    {
        var domain = JobDomains.GetSource(context);
        if (domain.IsActive)
        {
            return domain;
        }

        domain.Dispose();
        throw new InvalidOperationStateException(
            $"'{context.Plan.TargetDomain}' is no longer running; a live migration needs it running. Start it and resume the job, or roll the job back.");
    }

    /// <summary>The disk of <paramref name="live"/> (a live definition) that <paramref name="disk"/> migrates.</summary>
    internal static DiskDefinition Disk(DomainDefinition live, DiskPlan disk) =>
        live.Disks.FirstOrDefault(d => d.Target == disk.Target)
        ?? throw new ObjectNotFoundException($"'{live.Name}' no longer has the disk {disk.Target}; roll the job back.");

    /// <summary>True when the guest already runs on the disk's new mapping (it was switched over).</summary>
    internal static bool RunsOnMapping(DomainDefinition live, DiskPlan disk) => Disk(live, disk).SourcePath == disk.MapperPath;

    /// <summary>
    /// Refuses while the guest runs on any of the job's mappings: what it wrote since the switch-over exists only
    /// there, so neither the mappings nor the volumes may go away under it.
    /// </summary>
    internal static void RequireNotRunningOnMappings(MigrationContext context)
    {
        using var domain = JobDomains.FindSource(context);
        if (domain is not { IsActive: true })
        {
            return;
        }

        var live = domain.GetDefinition();
        if (context.Plan.Disks.Any(d => live.Disks.Any(l => l.SourcePath == d.MapperPath)))
        {
            throw new InvalidOperationStateException(
                $"'{domain.Name}' runs on the encrypted disks since the switch-over, and what it wrote since exists only there. " +
                $"Shut it down first (virtcrypt stop --domain {domain.Name}), then roll back: it is defined on its old disks again, as they were at the switch-over.");
        }
    }
}
