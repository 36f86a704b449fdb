using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Live mode: mirrors every disk of the running guest onto its mapping (libvirt block copy) and waits until all are
/// in sync. A copy job runs inside qemu and outlives this process, so a resume adopts a job that mirrors onto the
/// job's mapping and starts the others again; a failure or a cancel aborts every mirror, and the guest keeps running
/// on its old disks. Undo aborts what still mirrors onto the job's mappings.
/// </summary>
internal sealed class MirrorStep(MigrationContext context) : IMigrationStep
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public string Name => StepName.Mirror;

    public string? Disk => null;

    /// <summary>The mirrors live in qemu: a host reboot or a guest restart ends them, so a resume checks them again.</summary>
    public bool ReassertOnResume => true;

    private ILogger Logger => context.Loggers.CreateLogger<MirrorStep>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DefineStep.RecordPreviousDefinition(context);
        using var domain = LiveDomain.GetRunning(context);
        var live = domain.GetDefinition();
        var pending = context.Plan.Disks.Where(d => !LiveDomain.RunsOnMapping(live, d)).ToList();
        var ended = new ConcurrentDictionary<string, BlockJobStatus>();
        using var wake = new SemaphoreSlim(0);
        void OnBlockJob(object? sender, BlockJobEventArgs e)
        {
            if (e.DomainUuid == domain.Uuid && e.Type == BlockJobType.Copy)
            {
                if (e.Status is BlockJobStatus.Failed or BlockJobStatus.Canceled or BlockJobStatus.Completed)
                {
                    ended[e.Disk] = e.Status;
                }

                wake.Release();
            }
        }

        context.Hypervisor.BlockJob += OnBlockJob;
        try
        {
            foreach (var disk in pending)
            {
                StartOrAdopt(domain, live, disk);
            }

            await WaitUntilInSyncAsync(domain, pending, ended, wake, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AbortMirrors(domain, pending);
            throw;
        }
        finally
        {
            context.Hypervisor.BlockJob -= OnBlockJob;
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.FindSource(context);
        if (domain is { IsActive: true })
        {
            AbortMirrors(domain, context.Plan.Disks);
        }

        return Task.CompletedTask;
    }

    private void StartOrAdopt(Domain domain, DomainDefinition live, DiskPlan disk)
    {
        var job = domain.GetBlockJob(disk.Target);
        var mirror = LiveDomain.Disk(live, disk).MirrorPath;
        if (job is not null && job.Type == BlockJobType.Copy && mirror == disk.MapperPath)
        {
            context.Report(Name, disk.Target, $"adopting the running mirror onto {disk.MapperPath}");
            return;
        }

        if (job is not null)
        {
            throw new ResourceBusyException(
                $"Disk {disk.Target} of '{domain.Name}' has another block job ({job.Type.ToString().ToLowerInvariant()}{(mirror is null ? "" : " onto " + mirror)}): " +
                $"wait for it to end or abort it (virsh blockjob {domain.Name} {disk.Target} --abort), then resume.");
        }

        var synchronous = LivePlanChecks.SupportsSynchronousWrites(context.Hypervisor);
        context.Report(Name, disk.Target, $"mirroring {disk.SourcePath} onto {disk.MapperPath}{(synchronous ? " (synchronous writes)" : "")}");
        domain.StartBlockCopy(disk.Target, new BlockCopyOptions
        {
            DestinationDevice = disk.MapperPath,
            BandwidthBytesPerSecond = context.Plan.Request.BandwidthBytesPerSecond,
            SynchronousWrites = synchronous,
        });
    }

    /// <summary>
    /// Polls each job (the progress) and wakes early on block job events. A disk is in sync when libvirt reports the
    /// job complete (cur == end) and has marked the mirror ready in the live XML, which a pivot requires.
    /// </summary>
    private async Task WaitUntilInSyncAsync(
        Domain domain, List<DiskPlan> pending, ConcurrentDictionary<string, BlockJobStatus> ended, SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        var meters = pending.ToDictionary(d => d.Target, _ => new RateMeter());
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var live = domain.GetDefinition();
            var inSync = 0;
            foreach (var disk in pending)
            {
                var job = ended.TryGetValue(disk.Target, out var status) ? null : domain.GetBlockJob(disk.Target);
                if (job is null)
                {
                    throw new VirtCryptException(
                        $"The mirror of {disk.Target} onto {disk.MapperPath} ended ({(ended.ContainsKey(disk.Target) ? status.ToString().ToLowerInvariant() : "it vanished")}) before it was in sync; " +
                        "the guest runs on its old disks. Resume the job to mirror again, or roll it back.");
                }

                context.Report(Name, disk.Target, "mirroring", meters[disk.Target].Measure(CopyPhase.Copying, job.Current, job.End));
                if (job.IsReady && LiveDomain.Disk(live, disk).IsMirrorReady)
                {
                    inSync++;
                }
            }

            if (inSync == pending.Count)
            {
                context.Report(Name, null, $"all {pending.Count} mirror(s) in sync");
                return;
            }

            await wake.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends every copy that mirrors onto one of the job's mappings; the guest stays on its old disks. Best effort.</summary>
    private void AbortMirrors(Domain domain, IEnumerable<DiskPlan> disks)
    {
        foreach (var disk in disks)
        {
            try
            {
                if (domain.IsActive && LiveDomain.Disk(domain.GetDefinition(), disk).MirrorPath == disk.MapperPath)
                {
                    context.Report(Name, disk.Target, $"aborting the mirror onto {disk.MapperPath}; the guest stays on {disk.SourcePath}");
                    domain.AbortBlockJob(disk.Target);
                }
            }
            catch (VirtCryptException e)
            {
                LiveMigrationLog.AbortFailed(Logger, disk.Target, e);
            }
        }
    }
}
