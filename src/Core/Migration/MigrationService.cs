using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Migration.Steps;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration;

/// <summary>
/// Moves a domain's disks onto new LUKS-encrypted logical volumes: plans (changing nothing), then creates each LV,
/// formats it, opens it, copies and verifies the disk, backs up the header, defines the domain on
/// <c>/dev/mapper/NAME</c> and starts it. Every step is journaled, so a failed, cancelled or killed job can be resumed
/// or rolled back. The source disks are only ever read.
/// </summary>
public sealed partial class MigrationService
{
    private readonly Hypervisor hypervisor;
    private readonly LvmHost lvm;
    private readonly JobStore jobs;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;

    /// <summary>Creates the service over open connections, which the caller keeps owning.</summary>
    /// <param name="hypervisor">The libvirt connection the domains live on.</param>
    /// <param name="lvm">The LVM host the volume groups live on.</param>
    /// <param name="jobs">Where journals are kept; <see cref="JobStore.DefaultDirectory"/> by default.</param>
    /// <param name="loggers">Loggers for the service and the layers underneath; none by default.</param>
    /// <param name="time">The clock for journal timestamps; the system clock by default.</param>
    public MigrationService(Hypervisor hypervisor, LvmHost lvm, JobStore? jobs = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        ArgumentNullException.ThrowIfNull(lvm);
        this.hypervisor = hypervisor;
        this.lvm = lvm;
        this.jobs = jobs ?? new JobStore();
        this.loggers = loggers ?? NullLoggerFactory.Instance;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The journal store the service uses.</summary>
    public JobStore Jobs => jobs;

    private MigrationPlanner Planner => new(hypervisor, lvm, jobs, loggers);

    /// <summary>Plans a migration and runs every check, changing nothing.</summary>
    /// <exception cref="ObjectNotFoundException">The domain does not exist.</exception>
    public Task<MigrationPlan> PlanAsync(MigrationRequest request, CancellationToken cancellationToken = default) =>
        Planner.PlanAsync(request, estimateDuration: true, cancellationToken);

    /// <summary>
    /// Runs a plan. The plan is planned again first: if a check fails now, if what the plan derived (disks, names,
    /// sizes, the domain) changed meanwhile, or if another unfinished job works on the domain, nothing is changed. On
    /// failure or cancellation the journal stays: <see cref="ResumeAsync"/> or <see cref="RollbackAsync"/> with the job
    /// id in the exception's <see cref="MigrationFailedException.JobId"/>.
    /// </summary>
    /// <param name="plan">A plan from <see cref="PlanAsync"/> of this process; one read from JSON is refused.</param>
    /// <param name="key">The passphrase or keyfile for the new volumes (the caller disposes it).</param>
    /// <param name="progress">Receives each step and the copy's progress.</param>
    /// <param name="cancellationToken">Stops the job at the next step or copy request; it can then be resumed.</param>
    /// <exception cref="MigrationRefusedException">A check fails, or the key cannot be used (an empty or changed keyfile).</exception>
    /// <exception cref="MigrationFailedException">A step failed or was cancelled; the journal says where.</exception>
    public async Task<MigrationResult> ExecuteAsync(
        MigrationPlan plan, LuksKey key, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(key);
        KeySourceCheck.Require(key);
        if (!plan.IsIssued)
        {
            throw new MigrationRefusedException([new PlanCheck(PlanCheckId.PlanMadeByPlanAsync, "plan made by PlanAsync", false,
                "This plan was not made by PlanAsync in this process (it was read back from JSON or a journal), so it is not executed: plan the migration again.")]);
        }

        var recheck = await Planner.PlanAsync(
            plan.Request.Mode == MigrationMode.Clone ? plan.Request with { NewName = plan.TargetDomain } : plan.Request, estimateDuration: false, cancellationToken)
            .ConfigureAwait(false);
        if (!plan.CanExecute || !recheck.CanExecute)
        {
            throw new MigrationRefusedException((plan.CanExecute ? recheck : plan).FailedChecks.ToList());
        }

        if (PlanDrift.Find(plan, recheck) is { } drift)
        {
            throw new MigrationRefusedException([new PlanCheck(PlanCheckId.PlanCurrent, "plan is current", false,
                $"Since the plan was made, {drift}. Plan the migration again and review the new plan.")]);
        }

        MigrationJob job;
        using (jobs.LockCreation(cancellationToken))
        {
            // Checked again under the lock: a migration of the same domain started meanwhile has created its job now.
            if (MigrationPlanner.CheckNoUnfinishedJob(jobs, plan.SourceUuid, plan.Request.Domain, plan.TargetDomain) is { Passed: false } other)
            {
                throw new MigrationRefusedException([other]);
            }

            job = MigrationJob.Create(
                string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Random.Shared.Next(0x1000000):x6}"), time.GetUtcNow(), plan);
            jobs.Save(job);
        }

        return await RunAsync(job, key, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries an interrupted job on from its last completed step (a copy from its last checkpoint).</summary>
    /// <exception cref="ObjectNotFoundException">No job has that id.</exception>
    /// <exception cref="MigrationFailedException">A step failed again; the journal says where.</exception>
    public Task<MigrationResult> ResumeAsync(
        string jobId, LuksKey key, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        KeySourceCheck.Require(key);
        var job = jobs.Load(jobId);
        if (job.History.Any(r => r.State == StepState.Undone))
        {
            throw new InvalidOperationStateException($"Job {jobId} was rolled back; it cannot be resumed. Plan and run a new migration.");
        }

        return RunAsync(job, key, progress, cancellationToken);
    }

    /// <summary>
    /// Removes exactly what the job created — the domain definition, the mappings, the logical volumes, the header
    /// backups — restores a retargeted domain's previous definition and restarts a source that was running. The
    /// source disks are untouched. An in-place job's volumes that hold its LUKS2 header (all or partly encrypted) are
    /// decrypted back to their plain data at their old size with <paramref name="key"/>, which is checked before
    /// anything is changed; a rollback interrupted in the decryption carries it on when run again.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="key">The job's passphrase or keyfile; needed only when <see cref="RollbackNeedsKeyAsync"/> says so.</param>
    /// <param name="progress">Receives each step and the decryption's progress.</param>
    /// <param name="cancellationToken">Stops the rollback; run it again to finish.</param>
    /// <exception cref="ObjectNotFoundException">No job has that id.</exception>
    /// <exception cref="InvalidOperationStateException">The key is needed but missing, or a volume or the journal is not as the job left it; nothing was changed.</exception>
    /// <exception cref="WrongPassphraseException">The key opens none of the volume's keyslots; nothing was changed.</exception>
    public async Task RollbackAsync(string jobId, LuksKey? key = null, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (key is not null)
        {
            KeySourceCheck.Require(key);
        }

        using var held = jobs.Lock(jobId);
        var journal = new JobJournal(jobs.Load(jobId), jobs, time);
        var context = new MigrationContext(journal, hypervisor, lvm, key, loggers, progress);
        if (context.Plan.Request.Mode == MigrationMode.Live)
        {
            LiveDomain.RequireNotRunningOnMappings(context);
        }

        foreach (var header in await InPlaceHeadersAsync(context, cancellationToken).ConfigureAwait(false))
        {
            if (key is null)
            {
                throw new InvalidOperationStateException(
                    $"Job {jobId}'s volume holds its LUKS2 header ({header}): the rollback decrypts it back and needs the job's passphrase or keyfile. Nothing was changed.");
            }

            using var volume = LuksVolume.Load(header, loggers.CreateLogger<LuksVolume>());
            await volume.VerifyKeyAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await new StepRunner(journal).RollbackAsync(StepsOf(context), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether rolling the job back needs its key: an in-place job with (partly) encrypted volumes. Changes nothing,
    /// except that a job's volume an interrupted resize left suspended is activated again to be read.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">No job has that id.</exception>
    /// <exception cref="InvalidOperationStateException">A volume or the journal is not as the job left it.</exception>
    /// <exception cref="ResourceBusyException">A volume is suspended and something holds it open; nothing was changed.</exception>
    public async Task<bool> RollbackNeedsKeyAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var held = jobs.Lock(jobId);
        var context = new MigrationContext(new JobJournal(jobs.Load(jobId), jobs, time), hypervisor, lvm, key: null, loggers, progress: null);
        return (await InPlaceHeadersAsync(context, cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>
    /// The LUKS2 headers (on a volume, or exported by an interrupted rollback) of an in-place job's encrypted data, each
    /// checked against the journal (tag, LUKS UUID, sizes); refuses a volume that cannot be rolled back.
    /// </summary>
    private static async Task<List<string>> InPlaceHeadersAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var headers = new List<string>();
        foreach (var disk in context.Plan.Request.Mode == MigrationMode.InPlace ? context.Plan.Disks : [])
        {
            await new InPlaceVolume(context, disk).RequireRollbackPossibleAsync(cancellationToken).ConfigureAwait(false);
            if (context.Job.StateOf(StepName.InitEncryption, disk.Target) is StepState.Started or StepState.Completed
                && await new InPlaceRollback(context, disk).CheckAsync(cancellationToken).ConfigureAwait(false) is { } header)
            {
                headers.Add(header);
            }
        }

        return headers;
    }

    private async Task<MigrationResult> RunAsync(
        MigrationJob job, LuksKey key, IProgress<MigrationProgress>? progress, CancellationToken cancellationToken)
    {
        using var held = jobs.Lock(job.Id);
        var journal = new JobJournal(jobs.Load(job.Id), jobs, time);
        var context = new MigrationContext(journal, hypervisor, lvm, key, loggers, progress);
        try
        {
            await RequireTheSameKeyAsync(context, cancellationToken).ConfigureAwait(false);
            await new StepRunner(journal).RunAsync(StepsOf(context), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or MigrationFailedException))
        {
            throw new MigrationFailedException(job.Id, e);
        }

        var plan = job.Plan;
        return new MigrationResult(job.Id, plan.TargetDomain, plan.Disks, context.Copies, plan.Request.Start || plan.Request.Mode == MigrationMode.Live);
    }

    /// <summary>
    /// On resume, the key must open a volume the job already formatted: a mistyped passphrase must never become the
    /// passphrase of the job's remaining volumes.
    /// </summary>
    private async Task RequireTheSameKeyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        if (job.HasFormattedVolumes && job.Plan.Disks.First(d => MigrationJob.FormatSteps.Any(s => job.StateOf(s, d.Target) == StepState.Completed)) is var formatted)
        {
            var device = (await JobVolumes.GetOwnAsync(context, formatted, cancellationToken).ConfigureAwait(false)).DevicePath;
            using var volume = LuksVolume.Load(device, loggers.CreateLogger<LuksVolume>());
            await volume.VerifyKeyAsync(context.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<IMigrationStep> StepsOf(MigrationContext context) => context.Plan.Request.Mode switch
    {
        MigrationMode.Live => LiveStepsOf(context),
        MigrationMode.InPlace => InPlaceStepsOf(context),
        _ => OfflineStepsOf(context),
    };

    /// <summary>
    /// In place: each disk's own volume is tagged (while the guest still runs), then, with the guest off, grown, given
    /// its header, encrypted where it stands, shrunk to header plus data and opened; the domain is redefined onto the
    /// mappings, keeping its identity.
    /// </summary>
    private static List<IMigrationStep> InPlaceStepsOf(MigrationContext context) => GuestOffStepsOf(
        context,
        context.Plan.Disks.Select(d => new TagLvStep(context, d)),
        disk => [new ExtendLvStep(context, disk), new InitEncryptionStep(context, disk), new EncryptStep(context, disk), new ShrinkLvStep(context, disk), new OpenStep(context, disk)]);

    /// <summary>
    /// Live: the volumes first (everything that can fail before the guest is touched), their header backups, then the
    /// mirrors of all disks, the switch-over of all, and the persistent definition.
    /// </summary>
    private static List<IMigrationStep> LiveStepsOf(MigrationContext context)
    {
        var plan = context.Plan;
        var steps = new List<IMigrationStep>();
        foreach (var disk in plan.Disks)
        {
            steps.AddRange(VolumeStepsOf(context, disk));
            steps.AddRange(HeaderBackupOf(context, disk));
        }

        steps.Add(new MirrorStep(context));
        steps.Add(new PivotStep(context));
        steps.Add(new DefineStep(context));
        return steps;
    }

    /// <summary>The new volume of one disk: create the LV, format it, open it.</summary>
    private static IMigrationStep[] VolumeStepsOf(MigrationContext context, DiskPlan disk) =>
        [new CreateLvStep(context, disk), new FormatStep(context, disk), new OpenStep(context, disk)];

    /// <summary>
    /// Clone and Retarget: the new volumes of all disks first, then, with the guest off, the copy of each; in clone mode
    /// the source no longer starts with the host.
    /// </summary>
    private static List<IMigrationStep> OfflineStepsOf(MigrationContext context)
    {
        var whileRunning = context.Plan.Disks.SelectMany(d => VolumeStepsOf(context, d)).ToList();
        if (context.Plan.Request.Mode == MigrationMode.Clone)
        {
            whileRunning.Add(new DisableSourceAutostartStep(context));
        }

        return GuestOffStepsOf(context, whileRunning, disk => [new CopyStep(context, disk)]);
    }

    /// <summary>
    /// The shape the offline modes share: what is done while the guest still runs (everything that can fail early:
    /// space, names, key derivation), its shutdown, each disk's steps with the guest off and its header backup, then the
    /// definition on the mappings and, when asked, the start.
    /// </summary>
    private static List<IMigrationStep> GuestOffStepsOf(
        MigrationContext context, IEnumerable<IMigrationStep> whileRunning, Func<DiskPlan, IEnumerable<IMigrationStep>> perDisk)
    {
        var steps = new List<IMigrationStep>(whileRunning) { new ShutdownSourceStep(context) };
        foreach (var disk in context.Plan.Disks)
        {
            steps.AddRange(perDisk(disk));
            steps.AddRange(HeaderBackupOf(context, disk));
        }

        steps.Add(new DefineStep(context));
        if (context.Plan.Request.Start)
        {
            steps.Add(new StartStep(context));
        }

        return steps;
    }

    /// <summary>The backup of one disk's LUKS header, when the request names a directory for it.</summary>
    private static IEnumerable<IMigrationStep> HeaderBackupOf(MigrationContext context, DiskPlan disk) =>
        context.Plan.Request.HeaderBackupDirectory is { } directory ? [new BackupHeaderStep(context, disk, directory)] : [];
}
