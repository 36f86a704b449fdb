using VirtCrypt.Errors;

namespace VirtCrypt.Migration;

/// <summary>
/// Undoing one step of a job's rollback failed or was cancelled. The steps undone before it stay undone (the
/// journal says so); fix the cause and roll the job back again to carry on from this step.
/// </summary>
public sealed class MigrationRollbackFailedException : VirtCryptException
{
    /// <summary>Creates the exception for a job, the step whose undo failed and the failure.</summary>
    public MigrationRollbackFailedException(string jobId, string step, string? disk, Exception innerException)
        : base($"Rollback of migration job {jobId} stopped at step {step}{(disk is null ? "" : $" of disk {disk}")}: {innerException?.Message} " +
               $"Fix the cause and run the rollback again (virtcrypt rollback {jobId}); the steps already undone are not repeated.",
            (innerException as VirtCryptException)?.NativeError, innerException)
    {
        JobId = jobId;
        Step = step;
        Disk = disk;
    }

    /// <summary>The job to roll back again.</summary>
    public string JobId { get; }

    /// <summary>The step whose undo failed, for example <c>Open</c>.</summary>
    public string Step { get; }

    /// <summary>The disk target the step concerns, or null for a step of the whole job.</summary>
    public string? Disk { get; }

    /// <summary>True when the rollback stopped because it was cancelled.</summary>
    public bool WasCancelled => InnerException is OperationCanceledException;
}
