namespace VirtCrypt.Orchestration;

/// <summary>How one guest's migration (or, with --plan-only, its plan) ended.</summary>
/// <param name="Domain">The source domain.</param>
/// <param name="Succeeded">Migrated, or planned with every check passed.</param>
/// <param name="Result">A short word or phrase for the report: migrated, planned, refused: CHECK, failed: WHY.</param>
/// <param name="Duration">Plan and migration together.</param>
/// <param name="BytesWritten">Bytes written onto the encrypted volumes.</param>
/// <param name="JobId">The failed job, for <c>virtcrypt resume</c> or <c>rollback</c>; null otherwise.</param>
internal sealed record GuestOutcome(string Domain, bool Succeeded, string Result, TimeSpan Duration, long BytesWritten, string? JobId);
