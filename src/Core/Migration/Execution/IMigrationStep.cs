namespace VirtCrypt.Migration.Execution;

/// <summary>
/// One step of a migration (create the LV of disk vda, format it, ...). A step can be interrupted anywhere, so both
/// directions must cope with partial work: <see cref="RunAsync"/> finishes what an interrupted run began (or adopts
/// it when it is complete), and <see cref="UndoAsync"/> removes only what this job created, whatever got done.
/// </summary>
internal interface IMigrationStep
{
    /// <summary>The step's name in the journal, for example <c>CreateLv</c>.</summary>
    string Name { get; }

    /// <summary>The disk target it concerns, or null for a step of the whole job.</summary>
    string? Disk { get; }

    /// <summary>
    /// True for a step whose effect does not survive a host reboot or can be undone behind the job's back (an open
    /// mapping, a shut-off source): a resume runs it again, completed or not, while later steps are pending.
    /// </summary>
    bool ReassertOnResume => false;

    Task RunAsync(CancellationToken cancellationToken);

    Task UndoAsync(CancellationToken cancellationToken);
}
