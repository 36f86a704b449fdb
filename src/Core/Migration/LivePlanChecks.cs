using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>The checks and warnings of a Live migration: a running guest, a hypervisor with block copy, exact sizes.</summary>
internal static class LivePlanChecks
{
    internal const string SupportCheck = "hypervisor supports live block copy";

    /// <summary>The libvirt release that brought <c>VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES</c>.</summary>
    internal static readonly Version SynchronousWritesSince = new(8, 0, 0);

    /// <summary>How the switch-over is done and what a failure leaves, stated in every Live plan.</summary>
    internal const string AllOrNone =
        "Live: every disk is mirrored while the guest runs; the guest is switched over (pivot) only once every mirror is in sync. " +
        "If a mirror fails, or the job is cancelled or interrupted before that, every mirror is aborted and the guest keeps running on its old disks " +
        "(roll the job back to remove the new volumes). The switch-over itself is one pivot per disk: should one fail, the disks already switched stay " +
        "on their encrypted copies and a resume switches the rest.";

    internal static void Add(
        Hypervisor hypervisor, Domain domain, bool running, IReadOnlyList<DiskPlan> disks, List<PlanCheck> checks, List<string> warnings)
    {
        checks.Add(running
            ? new PlanCheck(PlanCheckId.DomainRunning, "domain is running", true, $"'{domain.Name}' is running and keeps running")
            : new PlanCheck(PlanCheckId.DomainRunning, "domain is running", false,
                $"'{domain.Name}' is shut off: a live migration mirrors a running guest. Start it, or migrate it offline with --mode retarget (same identity)."));
        foreach (var disk in disks.Where(d => !d.Layout.IsExactSize))
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskKeepsSize, disk.Target, $"disk {disk.Target} keeps its size", false,
                $"{disk.Target} is {disk.Layout.SourceBytes} bytes but its mapping would be {disk.Layout.MappedBytes}: a mirror needs both exactly the same size. " +
                "Drop the margin; a disk whose size is not a multiple of 4096 bytes can only be migrated offline."));
        }

        if (running)
        {
            CheckBlockCopy(hypervisor, domain, disks, checks, warnings);
            WarnAboutBackingChains(domain, disks, warnings);
            WarnAboutDiscards(domain, disks, warnings);
        }

        warnings.Add(AllOrNone);
    }

    /// <summary>Whether synchronous writes can be asked of this libvirt (the daemon's version counts, not the client's).</summary>
    internal static bool SupportsSynchronousWrites(Hypervisor hypervisor) => Version.Parse(hypervisor.LibraryVersion) >= SynchronousWritesSince;

    /// <summary>Asks for each disk's block job: a driver without block jobs refuses, and a disk must not be busy with another job.</summary>
    private static void CheckBlockCopy(Hypervisor hypervisor, Domain domain, IReadOnlyList<DiskPlan> disks, List<PlanCheck> checks, List<string> warnings)
    {
        foreach (var disk in disks)
        {
            BlockJobInfo? job;
            try
            {
                job = domain.GetBlockJob(disk.Target);
            }
            catch (OperationNotSupportedException)
            {
                checks.Add(new PlanCheck(PlanCheckId.BlockCopySupported, SupportCheck, false,
                    $"The hypervisor at '{hypervisor.Uri}' does not support live block copy (it has no block jobs): migrate with --mode retarget, which shuts the guest down for the copy."));
                return;
            }

            if (job is not null)
            {
                checks.Add(new PlanCheck(PlanCheckId.DiskHasNoBlockJob, disk.Target, $"disk {disk.Target} has no block job", false,
                    $"A {job.Type.ToString().ToLowerInvariant()} job runs on {disk.Target}: wait for it to end, or abort it (virsh blockjob {domain.Name} {disk.Target} --abort)."));
            }
        }

        var synchronous = SupportsSynchronousWrites(hypervisor);
        checks.Add(new PlanCheck(PlanCheckId.BlockCopySupported, SupportCheck, true,
            $"libvirt {hypervisor.LibraryVersion}, hypervisor {hypervisor.HypervisorVersion}: block copy " +
            (synchronous ? "with synchronous writes (the mirror converges under any write load)" : "without synchronous writes")));
        if (!synchronous)
        {
            warnings.Add($"libvirt {hypervisor.LibraryVersion} predates {SynchronousWritesSince} and cannot mirror guest writes synchronously: " +
                "under heavy writes the mirrors may take long to get in sync (and the switch-over waits for all of them).");
        }
    }

    private static void WarnAboutBackingChains(Domain domain, IReadOnlyList<DiskPlan> disks, List<string> warnings)
    {
        var live = domain.GetDefinition();
        foreach (var disk in disks)
        {
            if (live.Disks.FirstOrDefault(d => d.Target == disk.Target) is { HasBackingChain: true })
            {
                warnings.Add($"{disk.Target}: {disk.SourcePath} is a {disk.SourceFormat.ToString().ToLowerInvariant()} image over a backing chain; " +
                    "the copy flattens the whole chain onto the raw encrypted disk, and the guest no longer uses the backing files afterwards.");
            }
        }
    }

    /// <summary>
    /// The mirror keeps the running disk's settings: on a disk that is to pass discards but had no
    /// <c>discard='unmap'</c>, qemu goes on ignoring the guest's discards until the guest is started afresh from the new definition (measured: a guest discard
    /// freed nothing before a cold boot, all of it after).
    /// </summary>
    private static void WarnAboutDiscards(Domain domain, IReadOnlyList<DiskPlan> disks, List<string> warnings)
    {
        var live = domain.GetDefinition();
        var ignoring = disks.Where(p => p.AllowDiscards && live.Disks.FirstOrDefault(d => d.Target == p.Target) is { Discard: not "unmap" })
            .Select(p => p.Target).ToList();
        if (ignoring.Count > 0)
        {
            warnings.Add($"Discards: the running guest keeps the discard setting of its disks {string.Join(", ", ignoring)} (not 'unmap') until it is " +
                "shut down and started again: its discards (fstrim) reach the encrypted volumes only after that cold boot; a reboot inside the guest is not enough.");
        }
    }
}
