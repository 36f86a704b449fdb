using VirtCrypt.Errors;

namespace VirtCrypt.Migration;

/// <summary>A migration was refused because a check failed; nothing was changed.</summary>
public sealed class MigrationRefusedException : VirtCryptException
{
    /// <summary>Creates the exception for the failed checks.</summary>
    public MigrationRefusedException(IReadOnlyList<PlanCheck> failedChecks)
        : base("The migration was refused, nothing was changed: " + string.Join(" ", failedChecks.Select(c => $"[{c.Name}] {c.Detail}")))
    {
        FailedChecks = failedChecks;
    }

    /// <summary>The checks that failed.</summary>
    public IReadOnlyList<PlanCheck> FailedChecks { get; }
}
