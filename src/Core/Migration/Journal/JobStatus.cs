namespace VirtCrypt.Migration.Journal;

/// <summary>Whether a job still holds work in progress.</summary>
public enum JobStatus
{
    /// <summary>Running, stopped by a failure or a kill, or part-way rolled back: resume it or roll it back.</summary>
    Unfinished,

    /// <summary>Every step completed.</summary>
    Completed,

    /// <summary>Every step that ran was undone.</summary>
    RolledBack,
}
