using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>
/// Everything a migration will do, computed without changing anything: per disk the LV, its size and the mapping;
/// the domain's new definition; every check and warning. Execute it only when <see cref="CanExecute"/>.
/// </summary>
public sealed record MigrationPlan
{
    /// <summary>The request the plan answers.</summary>
    public required MigrationRequest Request { get; init; }

    /// <summary>The source domain's UUID.</summary>
    public required Guid SourceUuid { get; init; }

    /// <summary>Whether the source domain was running when planned (it will be shut down first).</summary>
    public required bool SourceRunning { get; init; }

    /// <summary>The name of the domain that will run from the encrypted disks.</summary>
    public required string TargetDomain { get; init; }

    /// <summary>The disks to migrate.</summary>
    public required IReadOnlyList<DiskPlan> Disks { get; init; }

    /// <summary>The domain XML that will be defined.</summary>
    public required string NewDomainXml { get; init; }

    /// <summary>Clone mode: files the new domain gets copies of (UEFI NVRAM, TPM state).</summary>
    public IReadOnlyList<FileCopyPlan> FileCopies { get; init; } = [];

    /// <summary>Every check, passed or not.</summary>
    public required IReadOnlyList<PlanCheck> Checks { get; init; }

    /// <summary>Things the administrator must know (both guests must never run at once, lost TPM state, ...).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>True when every check passed.</summary>
    public bool CanExecute => Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IEnumerable<PlanCheck> FailedChecks => Checks.Where(c => !c.Passed);
}
