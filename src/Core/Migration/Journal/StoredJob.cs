namespace VirtCrypt.Migration.Journal;

/// <summary>One journal file of a <see cref="JobStore"/>: its job, or why it cannot be used.</summary>
/// <param name="Id">The job id its file name gives (<c>ID.json</c>).</param>
/// <param name="Job">The job, or null when the journal cannot be used.</param>
/// <param name="Problem">Why it cannot be used (damaged, a newer schema, a symbolic link, ...), or null.</param>
public sealed record StoredJob(string Id, MigrationJob? Job, string? Problem);
