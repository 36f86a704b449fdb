using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// The domains a job may stop, start, undefine, redefine or switch the autostart of: found by the UUID the job recorded
/// (the source's) or created (the clone's), and only while their definition still is what the job planned. A domain
/// with that UUID but another name or other disks is refused with <see cref="ForeignObjectException"/>; no step
/// touches it.
/// </summary>
internal static class JobDomains
{
    /// <summary>
    /// The source domain, or null when no domain has its UUID. It must still bear the planned name and have each
    /// migrated disk on its source or (once redefined) on its mapping.
    /// </summary>
    internal static Domain? FindSource(MigrationContext context)
    {
        var plan = context.Plan;
        var domain = context.Hypervisor.FindDomain(plan.SourceUuid);
        return domain is null ? null : Checked(context, domain, "the source", plan.Request.Domain, d => [d.SourcePath, d.MapperPath], checkMappings: false);
    }

    /// <summary>The source domain (see <see cref="FindSource"/>), which must exist.</summary>
    internal static Domain GetSource(MigrationContext context) =>
        FindSource(context) ?? throw new ObjectNotFoundException(
            $"The source domain '{context.Plan.Request.Domain}' ({context.Plan.SourceUuid}) of job {context.Job.Id} no longer exists; roll the job back.");

    /// <summary>
    /// The domain the job runs from the encrypted disks, or null when it is not defined: Clone mode, the domain with
    /// the UUID the plan gave the clone, bearing its name, with every migrated disk on the job's mapping (and each such
    /// mapping, when open, on the job's LUKS volume); otherwise the source (<see cref="FindSource"/>).
    /// </summary>
    internal static Domain? FindMigrated(MigrationContext context)
    {
        var plan = context.Plan;
        if (plan.Request.Mode != MigrationMode.Clone)
        {
            return FindSource(context);
        }

        var domain = context.Hypervisor.FindDomain(CloneUuid(plan));
        return domain is null ? null : Checked(context, domain, "the clone", plan.TargetDomain, d => [d.MapperPath], checkMappings: true);
    }

    /// <summary>The UUID the plan gives the domain it defines.</summary>
    internal static Guid CloneUuid(MigrationPlan plan) =>
        DomainDefinition.Parse(plan.NewDomainXml).Uuid ?? throw new ForeignObjectException("The plan's new domain definition has no UUID; nothing was changed.");

    /// <summary>
    /// Refuses a new definition the planner cannot have made: another name or identity, a migrated disk not on its
    /// mapping, or any other disk that differs from the source's.
    /// </summary>
    internal static void RequirePlannedDefinition(MigrationContext context, DomainDefinition source)
    {
        var plan = context.Plan;
        var definition = DomainDefinition.Parse(plan.NewDomainXml);
        var keepsIdentity = plan.Request.Mode != MigrationMode.Clone;
        var problem = definition switch
        {
            _ when definition.Name != plan.TargetDomain => $"it is named '{definition.Name}', not '{plan.TargetDomain}'",
            _ when keepsIdentity && definition.Uuid != plan.SourceUuid => $"its UUID {definition.Uuid} is not the source's {plan.SourceUuid}",
            _ when !keepsIdentity && (definition.Uuid is null || definition.Uuid == plan.SourceUuid) => "it does not give the clone a UUID of its own",
            _ => DiskProblem(definition, plan, d => [d.MapperPath]) ?? UnplannedDiskProblem(definition, source, plan),
        };
        if (problem is not null)
        {
            throw new ForeignObjectException(
                $"The new definition of '{plan.TargetDomain}' in job {context.Job.Id}'s journal is not one its plan can have made: {problem}. Nothing was defined.");
        }
    }

    /// <summary>Refuses a previous definition (kept in the journal) that is not the source's as the plan read it.</summary>
    internal static void RequireSourceDefinition(MigrationContext context, DomainDefinition previous)
    {
        var plan = context.Plan;
        var problem = previous.Uuid != plan.SourceUuid ? $"its UUID {previous.Uuid} is not the source's {plan.SourceUuid}"
            : previous.Name != plan.Request.Domain ? $"it is named '{previous.Name}', not '{plan.Request.Domain}'"
            : DiskProblem(previous, plan, d => [d.SourcePath]);
        if (problem is not null)
        {
            throw new ForeignObjectException(
                $"The previous definition of '{plan.Request.Domain}' in job {context.Job.Id}'s journal is not the one the job replaced: {problem}. It was not restored.");
        }
    }

    private static Domain Checked(
        MigrationContext context, Domain domain, string role, string name, Func<DiskPlan, string[]> allowedSources, bool checkMappings)
    {
        var problem = domain.Name != name
            ? $"it is named '{domain.Name}', not '{name}'"
            : DiskProblem(domain.GetDefinition(inactive: true), context.Plan, allowedSources)
              ?? (checkMappings ? context.Plan.Disks.Select(MappingProblem).FirstOrDefault(p => p is not null) : null);
        if (problem is null)
        {
            return domain;
        }

        var description = $"'{domain.Name}' ({domain.Uuid})";
        domain.Dispose();
        throw new ForeignObjectException(
            $"The domain {description} has the UUID job {context.Job.Id} recorded for {role}, but is not what the job made of it: {problem}. " +
            "It is not this job's and is left alone; nothing was changed.");
    }

    /// <summary>The first migrated disk whose source in <paramref name="definition"/> is none of the allowed ones.</summary>
    private static string? DiskProblem(DomainDefinition definition, MigrationPlan plan, Func<DiskPlan, string[]> allowedSources)
    {
        foreach (var disk in plan.Disks)
        {
            var source = definition.Disks.FirstOrDefault(d => d.Target == disk.Target)?.SourcePath;
            if (source is null || !allowedSources(disk).Contains(source))
            {
                return $"its disk {disk.Target} is {(source is null ? "missing" : "on " + source)}, not on {string.Join(" or ", allowedSources(disk))}";
            }
        }

        return null;
    }

    /// <summary>The first disk not migrated by the plan that the new definition adds or points elsewhere than the source does.</summary>
    private static string? UnplannedDiskProblem(DomainDefinition definition, DomainDefinition source, MigrationPlan plan)
    {
        var migrated = plan.Disks.Select(d => d.Target).ToHashSet();
        foreach (var disk in definition.Disks.Where(d => !migrated.Contains(d.Target ?? "")))
        {
            var original = source.Disks.FirstOrDefault(d => d.Target == disk.Target);
            if (original is null || original.SourcePath != disk.SourcePath || original.Device != disk.Device)
            {
                return $"its {disk.Device} {disk.Target} ({disk.SourcePath ?? "no source"}) is not the source's";
            }
        }

        return null;
    }

    /// <summary>Why the disk's mapping, when open, is not on the job's LUKS volume; null when it is, or is closed.</summary>
    private static string? MappingProblem(DiskPlan disk)
    {
        MappedDevice? mapping;
        try
        {
            mapping = LuksVolume.Status(disk.MapperName);
        }
        catch (DeviceMapperUnavailableException)
        {
            return null;
        }

        if (mapping?.UnderlyingDevice is not { } device)
        {
            return null;
        }

        try
        {
            using var volume = LuksVolume.Load(device);
            return volume.GetInfo().Uuid == disk.LuksUuid
                ? null
                : $"its disk {disk.Target} uses {disk.MapperPath}, which is open on {device}, not on the job's LUKS volume {disk.LuksUuid}";
        }
        catch (CryptsetupException)
        {
            return $"its disk {disk.Target} uses {disk.MapperPath}, which is open on {device}, a device without a LUKS header";
        }
    }
}
