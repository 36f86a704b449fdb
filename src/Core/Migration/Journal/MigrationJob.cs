namespace VirtCrypt.Migration.Journal;

/// <summary>
/// A migration job as its journal records it: the history of its steps and the facts later steps, a resume or a
/// rollback need (the LUKS UUIDs it chose, the copy checkpoint, the domain's previous XML). Never holds a secret.
/// </summary>
public sealed class MigrationJob
{
    /// <summary>The job's id, also its journal's file name.</summary>
    public required string Id { get; init; }

    /// <summary>When the job was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The domain being migrated.</summary>
    public required string Domain { get; init; }

    /// <summary>The plan the job carries out (its names, sizes, UUIDs and the new domain XML).</summary>
    public MigrationPlan? Plan { get; init; }

    /// <summary>Every state every step reached, in order.</summary>
    public List<StepRecord> History { get; init; } = [];

    /// <summary>Named facts recorded by the steps (keys like <c>vda.luksUuid</c>).</summary>
    public Dictionary<string, string> Facts { get; init; } = [];

    /// <summary>
    /// Whether a LUKS volume of the job was already formatted: the key given to a resume must then be the one it was
    /// formatted with; otherwise a resume formats with it, so a person should type it twice.
    /// </summary>
    public bool HasFormattedVolumes => Plan?.Disks.Any(d => StateOf("Format", d.Target) == StepState.Completed) == true;

    /// <summary>The latest state of a step, or null if it never started.</summary>
    public StepState? StateOf(string step, string? disk) =>
        History.LastOrDefault(r => r.Step == step && r.Disk == disk)?.State;
}
