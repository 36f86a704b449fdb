using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>What every step of one job shares: the plan, the journal, the connections, the key and the progress sink.</summary>
internal sealed class MigrationContext(
    JobJournal journal,
    Hypervisor hypervisor,
    LvmHost lvm,
    LuksKey? key,
    ILoggerFactory loggers,
    IProgress<MigrationProgress>? progress)
{
    internal MigrationJob Job => journal.Job;

    internal MigrationPlan Plan => journal.Job.Plan;

    internal JobFacts Facts => journal.Job.Facts;

    internal Hypervisor Hypervisor => hypervisor;

    internal LvmHost Lvm => lvm;

    internal ILoggerFactory Loggers => loggers;

    /// <summary>The uid that must own every file the job deletes (the job directory's owner: root).</summary>
    internal uint FileOwner => journal.Store.Owner;

    /// <summary>The job store's directory: in-place encryption keeps a disk's new header there until it is on the volume.</summary>
    internal string JobDirectory => journal.Store.Directory;

    /// <summary>The key for the new volumes; a rollback has none and needs none.</summary>
    internal LuksKey Key => key ?? throw new InvalidOperationException("This step needs the passphrase or key of the new volumes.");

    internal Dictionary<string, CopyResult> Copies { get; } = [];

    internal string JobTag => MigrationNames.JobTag(journal.Job.Id);

    internal void Report(string step, string? disk, string message, CopyProgress? copy = null) =>
        progress?.Report(new MigrationProgress(step, disk, message, copy));

    /// <summary>Records a fact durably, before the act it describes.</summary>
    internal void RecordFacts(Func<JobFacts, JobFacts> change) => journal.RecordFacts(change);
}
