using VirtCrypt.Errors;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration.Execution;

/// <summary>
/// Runs a job's steps in order and journals each one durably before and after it runs; after a failure, a cancel or
/// a crash the same list of steps can be resumed (completed steps are skipped, a started one runs again) or rolled
/// back (every step that started is undone, last first).
/// </summary>
internal sealed class StepRunner(JobJournal journal)
{
    /// <summary>Raised when a step starts running (not when it is skipped).</summary>
    internal event Action<IMigrationStep>? StepStarting;

    private MigrationJob Job => journal.Job;

    internal async Task RunAsync(IReadOnlyList<IMigrationStep> steps, CancellationToken cancellationToken)
    {
        var pending = steps.Any(s => Job.StateOf(s.Name, s.Disk) != StepState.Completed);
        foreach (var step in steps)
        {
            switch (Job.StateOf(step.Name, step.Disk))
            {
                case StepState.Completed when !(step.ReassertOnResume && pending):
                    continue;
                case StepState.Undone:
                    throw new InvalidOperationStateException($"Job {Job.Id} was rolled back; it cannot be resumed. Plan and run a new migration.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            journal.Record(step.Name, step.Disk, StepState.Started);
            StepStarting?.Invoke(step);
            await step.RunAsync(cancellationToken).ConfigureAwait(false);
            journal.Record(step.Name, step.Disk, StepState.Completed);
        }

        journal.Finish(JobStatus.Completed);
    }

    internal async Task RollbackAsync(IReadOnlyList<IMigrationStep> steps, CancellationToken cancellationToken)
    {
        journal.Finish(JobStatus.Unfinished);
        foreach (var step in steps.Reverse())
        {
            if (Job.StateOf(step.Name, step.Disk) is StepState.Started or StepState.Completed)
            {
                try
                {
                    await step.UndoAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new MigrationRollbackFailedException(Job.Id, step.Name, step.Disk, e);
                }

                journal.Record(step.Name, step.Disk, StepState.Undone);
            }
        }

        journal.Finish(JobStatus.RolledBack);
    }
}
