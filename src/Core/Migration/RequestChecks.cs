using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>
/// The checks of the request's own options against the domain: every option that names a disk names one that is
/// migrated, each disk is named once, and MAC addresses are well-formed unicast addresses, one per interface at most.
/// An option that would be ignored is refused instead.
/// </summary>
internal static class RequestChecks
{
    /// <summary>Adds the checks; returns whether the MAC addresses may be handed to the clone rewrite.</summary>
    /// <param name="definition">The source domain's persistent definition.</param>
    /// <param name="request">The request.</param>
    /// <param name="migrated">The targets of the disks the plan migrates (readable or not).</param>
    /// <param name="checks">Receives the checks that fail.</param>
    internal static bool Add(DomainDefinition definition, MigrationRequest request, IReadOnlyCollection<string> migrated, List<PlanCheck> checks)
    {
        foreach (var twice in request.Disks.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskNamedOnce, twice.Key, $"disk {twice.Key} is named once", false,
                $"The disk {twice.Key} is named {twice.Count()} times among the disks to migrate: name each disk once."));
        }

        foreach (var target in request.MapperNames.Keys.Where(t => !migrated.Contains(t)).Order(StringComparer.Ordinal))
        {
            var list = migrated.Count == 0 ? "none" : string.Join(", ", migrated);
            checks.Add(new PlanCheck(PlanCheckId.MapperNameForDisk, target, $"mapper name for {target}", false,
                $"A mapping name is given for the disk '{target}', but '{request.Domain}' migrates no disk '{target}' (it migrates: {list}): " +
                "give mapping names only for the disks being migrated (--mapper TARGET=NAME)."));
        }

        if (request.Mode != MigrationMode.Clone && request.NewName is not null)
        {
            checks.Add(new PlanCheck(PlanCheckId.NewName, "new name", false,
                $"A new name ('{request.NewName}') is given, but a {request.Mode.ToString().ToLowerInvariant()} migration keeps the domain's name: leave it out, or migrate a clone (--mode clone)."));
        }

        return MacAddressesUsable(definition, request, checks);
    }

    private static bool MacAddressesUsable(DomainDefinition definition, MigrationRequest request, List<PlanCheck> checks)
    {
        var given = request.MacAddresses;
        if (given.Count == 0)
        {
            return true;
        }

        if (request.Mode != MigrationMode.Clone)
        {
            checks.Add(new PlanCheck(PlanCheckId.MacAddresses, "MAC addresses", false,
                $"MAC addresses are given, but a {request.Mode.ToString().ToLowerInvariant()} migration keeps the domain's own: leave them out, or migrate a clone (--mode clone)."));
            return false;
        }

        var usable = true;
        var interfaces = definition.Interfaces.Count;
        if (given.Count > interfaces)
        {
            checks.Add(new PlanCheck(PlanCheckId.MacAddresses, "MAC addresses", false,
                $"{given.Count} MAC addresses are given but '{request.Domain}' has {interfaces} network interface{(interfaces == 1 ? "" : "s")}: give at most one per interface, in their order."));
            usable = false;
        }

        foreach (var mac in given)
        {
            if (MacAddresses.ProblemWith(mac) is { } problem)
            {
                checks.Add(new PlanCheck(PlanCheckId.MacAddress, mac.Trim(), $"MAC address {mac.Trim()}", false, problem));
                usable = false;
            }
        }

        foreach (var twice in given.Where(m => MacAddresses.ProblemWith(m) is null).GroupBy(MacAddresses.Normalize).Where(g => g.Count() > 1))
        {
            checks.Add(new PlanCheck(PlanCheckId.MacAddress, twice.Key, $"MAC address {twice.Key}", false, $"{twice.Key} is given {twice.Count()} times: each interface needs its own address."));
            usable = false;
        }

        return usable;
    }
}
