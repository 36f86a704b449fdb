namespace VirtCrypt.Migration.Journal;

/// <summary>Where one step of a job stands, as last made durable in the journal.</summary>
public enum StepState
{
    /// <summary>Written before the step ran: it may have done all, part or none of its work.</summary>
    Started,

    /// <summary>Written after the step finished its work.</summary>
    Completed,

    /// <summary>Written after a rollback undid the step's work.</summary>
    Undone,
}
