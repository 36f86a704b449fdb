using VirtCrypt.Copy;

namespace VirtCrypt.Migration;

/// <summary>What a finished migration did.</summary>
/// <param name="JobId">The job's id (its journal stays, for a later rollback).</param>
/// <param name="Domain">The domain that now runs (or can run) from the encrypted disks.</param>
/// <param name="Disks">Each migrated disk's plan.</param>
/// <param name="Copies">What the copy of each disk did, by disk target; a resumed job lists only the copies it ran.</param>
/// <param name="Started">Whether the domain was started.</param>
public sealed record MigrationResult(
    string JobId, string Domain, IReadOnlyList<DiskPlan> Disks, IReadOnlyDictionary<string, CopyResult> Copies, bool Started);
