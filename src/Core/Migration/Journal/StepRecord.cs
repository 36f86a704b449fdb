namespace VirtCrypt.Migration.Journal;

/// <summary>One line of a job's history: a step (for one disk, or for the whole job) reached a state.</summary>
/// <param name="Step">The step's name, for example <c>CreateLv</c>.</param>
/// <param name="Disk">The disk target it concerns (<c>vda</c>), or null for a step of the whole job.</param>
/// <param name="State">The state reached.</param>
/// <param name="At">When.</param>
internal sealed record StepRecord(string Step, string? Disk, StepState State, DateTimeOffset At);
