using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>
/// Everything a migration will do, computed without changing anything: per disk the LV, its size and the mapping;
/// the domain's new definition; every check and warning. Execute it only when <see cref="CanExecute"/>. A plan is
/// made only by <see cref="MigrationService.PlanAsync"/> and cannot be changed; one read back from JSON or from a
/// journal is a record, and <see cref="MigrationService.ExecuteAsync"/> refuses it.
/// </summary>
public sealed class MigrationPlan
{
    [JsonConstructor]
    internal MigrationPlan(
        MigrationRequest request,
        Guid sourceUuid,
        bool sourceRunning,
        string targetDomain,
        IReadOnlyList<DiskPlan> disks,
        string newDomainXml,
        IReadOnlyList<FileCopyPlan> fileCopies,
        IReadOnlyList<PlanCheck> checks,
        IReadOnlyList<string> warnings,
        DurationEstimate? expectedDuration = null)
    {
        // The request's collections are the caller's: copied, so that changing them later changes nothing here.
        Request = request with
        {
            Disks = [.. request.Disks],
            MapperNames = new ReadOnlyDictionary<string, string>(request.MapperNames.ToDictionary()),
            MacAddresses = [.. request.MacAddresses],
        };
        SourceUuid = sourceUuid;
        SourceRunning = sourceRunning;
        TargetDomain = targetDomain;
        Disks = [.. disks];
        NewDomainXml = newDomainXml;
        FileCopies = [.. fileCopies];
        Checks = [.. checks];
        Warnings = [.. warnings];
        ExpectedDuration = expectedDuration;
    }

    /// <summary>The request the plan answers.</summary>
    public MigrationRequest Request { get; }

    /// <summary>The source domain's UUID.</summary>
    public Guid SourceUuid { get; }

    /// <summary>Whether the source domain was running when planned (it will be shut down first).</summary>
    public bool SourceRunning { get; }

    /// <summary>The name of the domain that will run from the encrypted disks.</summary>
    public string TargetDomain { get; }

    /// <summary>The disks to migrate.</summary>
    public IReadOnlyList<DiskPlan> Disks { get; }

    /// <summary>The domain XML that will be defined.</summary>
    public string NewDomainXml { get; }

    /// <summary>Clone mode: files the new domain gets copies of (UEFI NVRAM, TPM state).</summary>
    [JsonInclude] // internal (not public API), still part of the JSON
    internal IReadOnlyList<FileCopyPlan> FileCopies { get; }

    /// <summary>Every check, passed or not.</summary>
    public IReadOnlyList<PlanCheck> Checks { get; }

    /// <summary>Things the administrator must know (both guests must never run at once, lost TPM state, ...).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>In-place mode: how long the encryption is expected to take, from rates measured by the plan; null otherwise.</summary>
    public DurationEstimate? ExpectedDuration { get; }

    /// <summary>True when every check passed.</summary>
    public bool CanExecute => Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    [JsonIgnore]
    public IEnumerable<PlanCheck> FailedChecks => Checks.Where(c => !c.Passed);

    /// <summary>True for a plan the planner made in this process (never for one read from JSON): only such a plan is executed.</summary>
    internal bool IsIssued { get; init; }
}
