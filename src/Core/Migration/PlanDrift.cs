namespace VirtCrypt.Migration;

/// <summary>
/// What changed between a plan and the same request planned again: everything the plan derived from the host must
/// still hold. The identities a plan generates (LUKS and domain UUIDs, MAC addresses) differ between two plannings and
/// are kept from the plan being executed, which only the planner can have made.
/// </summary>
internal static class PlanDrift
{
    /// <summary>A description of the first difference, or null when the plan is still what planning gives.</summary>
    internal static string? Find(MigrationPlan plan, MigrationPlan now)
    {
        if (plan.SourceUuid != now.SourceUuid)
        {
            return $"'{plan.Request.Domain}' is another domain (UUID {now.SourceUuid}, not {plan.SourceUuid})";
        }

        if (plan.SourceRunning != now.SourceRunning)
        {
            return $"'{plan.Request.Domain}' was {(plan.SourceRunning ? "shut down" : "started")}";
        }

        if (plan.TargetDomain != now.TargetDomain)
        {
            return $"the migrated domain would be '{now.TargetDomain}', not '{plan.TargetDomain}'";
        }

        var disks = string.Join(", ", plan.Disks.Select(d => d.Target));
        var nowDisks = string.Join(", ", now.Disks.Select(d => d.Target));
        if (disks != nowDisks)
        {
            return $"the disks to migrate are {nowDisks}, not {disks}";
        }

        foreach (var (planned, current) in plan.Disks.Zip(now.Disks))
        {
            if (!SameDerivedValues(planned, current))
            {
                return $"disk {planned.Target} would be planned differently (source {current.SourcePath} as {current.SourceFormat}, " +
                       $"volume {current.LvPath} of {current.Layout.LvBytes} bytes, mapping {current.MapperName}, discards {(current.AllowDiscards ? "passed" : "not passed")})";
            }
        }

        // A copy's destination may hold the clone's generated UUID (swtpm state); its source may not change.
        return plan.FileCopies.Select(c => c.Source).SequenceEqual(now.FileCopies.Select(c => c.Source))
            ? null
            : "the files the clone gets copies of changed";
    }

    private static bool SameDerivedValues(DiskPlan planned, DiskPlan current) =>
        (planned.SourcePath, planned.SourceFormat, planned.VolumeGroup, planned.LvName, planned.Layout, planned.MapperName, planned.AllowDiscards) ==
        (current.SourcePath, current.SourceFormat, current.VolumeGroup, current.LvName, current.Layout, current.MapperName, current.AllowDiscards);
}
