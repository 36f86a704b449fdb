using System.Text.Json.Serialization;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// A migration job as its journal records it: the plan it carries out, the history of its steps and the facts later
/// steps, a resume or a rollback need. Never holds a secret. A journal is a record of claims: every step checks what it
/// acts on against the host again.
/// </summary>
public sealed record MigrationJob
{
    /// <summary>The journal format this version of VirtCrypt writes and reads.</summary>
    public const int CurrentSchema = 1;

    [JsonConstructor]
    internal MigrationJob(
        int schema, string id, DateTimeOffset createdAt, MigrationPlan plan, JobStatus status, IReadOnlyList<StepRecord> history, JobFacts facts)
    {
        Schema = schema;
        Id = id;
        CreatedAt = createdAt;
        Plan = plan;
        Status = status;
        History = [.. history];
        Facts = facts;
    }

    /// <summary>The journal format, <see cref="CurrentSchema"/>.</summary>
    public int Schema { get; }

    /// <summary>The job's id, also its journal's file name.</summary>
    public string Id { get; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The domain being migrated.</summary>
    [JsonIgnore]
    public string Domain => Plan.Request.Domain;

    /// <summary>The plan the job carries out (its names, sizes, UUIDs and the new domain XML).</summary>
    public MigrationPlan Plan { get; }

    /// <summary>Whether the job completed, was rolled back, or is neither.</summary>
    public JobStatus Status { get; private init; }

    /// <summary>Every state every step reached, in order.</summary>
    [JsonInclude] // internal (not public API), still part of the JSON
    internal IReadOnlyList<StepRecord> History { get; init; }

    /// <summary>What the steps recorded (copy checkpoints, the previous definition, files copied, ...).</summary>
    [JsonInclude] // internal (not public API), still part of the JSON
    internal JobFacts Facts { get; init; }

    /// <summary>
    /// Whether a LUKS volume of the job was already formatted: the key given to a resume must then be the one it was
    /// formatted with; otherwise a resume formats with it, so a person should type it twice.
    /// </summary>
    [JsonIgnore]
    public bool HasFormattedVolumes => Plan.Disks.Any(d => FormatSteps.Any(s => StateOf(s, d.Target) == StepState.Completed));

    /// <summary>The steps that give a volume its LUKS header: Format, or InitEncryption in place.</summary>
    internal static string[] FormatSteps { get; } = [StepName.Format, StepName.InitEncryption];

    /// <summary>The latest state of a step, or null if it never started.</summary>
    public StepState? StateOf(string step, string? disk) =>
        History.LastOrDefault(r => r.Step == step && r.Disk == disk)?.State;

    /// <summary>A new job for <paramref name="plan"/>, with no history yet.</summary>
    internal static MigrationJob Create(string id, DateTimeOffset createdAt, MigrationPlan plan) =>
        new(CurrentSchema, id, createdAt, plan, JobStatus.Unfinished, [], JobFacts.None);

    internal MigrationJob With(StepRecord record) => this with { History = [.. History, record] };

    internal MigrationJob With(JobFacts facts) => this with { Facts = facts };

    internal MigrationJob With(JobStatus status) => this with { Status = status };
}
