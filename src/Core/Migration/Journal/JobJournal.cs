namespace VirtCrypt.Migration.Journal;

/// <summary>
/// The current version of one job while it runs or is rolled back: every change makes a new <see cref="MigrationJob"/>,
/// saves it durably, and only then makes it current, so what the steps read is what a crash would leave behind.
/// </summary>
internal sealed class JobJournal(MigrationJob job, JobStore store, TimeProvider time)
{
    internal MigrationJob Job { get; private set; } = job;

    internal JobStore Store => store;

    internal void Record(string step, string? disk, StepState state) => Save(Job.With(new StepRecord(step, disk, state, time.GetUtcNow())));

    internal void RecordFacts(Func<JobFacts, JobFacts> change) => Save(Job.With(change(Job.Facts)));

    internal void Finish(JobStatus status)
    {
        if (Job.Status != status)
        {
            Save(Job.With(status));
        }
    }

    private void Save(MigrationJob next)
    {
        store.Save(next);
        Job = next;
    }
}
