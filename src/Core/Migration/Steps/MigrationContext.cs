using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>What every step of one job shares: the plan, the journal, the connections, the key and the progress sink.</summary>
internal sealed class MigrationContext(
    MigrationJob job,
    JobStore store,
    Hypervisor hypervisor,
    LvmHost lvm,
    LuksKey? key,
    ILoggerFactory loggers,
    IProgress<MigrationProgress>? progress)
{
    internal MigrationJob Job => job;

    internal MigrationPlan Plan => job.Plan!;

    internal Hypervisor Hypervisor => hypervisor;

    internal LvmHost Lvm => lvm;

    internal ILoggerFactory Loggers => loggers;

    /// <summary>The key for the new volumes; a rollback has none and needs none.</summary>
    internal LuksKey Key => key ?? throw new InvalidOperationException("This step needs the passphrase or key of the new volumes.");

    internal Dictionary<string, CopyResult> Copies { get; } = [];

    internal string JobTag => MigrationNames.JobTag(job.Id);

    internal void Report(string step, string? disk, string message, CopyProgress? copy = null) =>
        progress?.Report(new MigrationProgress(step, disk, message, copy));

    internal T? Fact<T>(string name) => job.Facts.TryGetValue(name, out var json) ? JsonSerializer.Deserialize<T>(json) : default;

    internal void RecordFact<T>(string name, T value)
    {
        job.Facts[name] = JsonSerializer.Serialize(value);
        store.Save(job);
    }

    internal void ForgetFact(string name)
    {
        job.Facts.Remove(name);
        store.Save(job);
    }
}
