using VirtCrypt.Errors;

namespace VirtCrypt.Migration;

/// <summary>A step of a migration job failed or was cancelled; the journal says where. Resume or roll back the job.</summary>
public sealed class MigrationFailedException : VirtCryptException
{
    /// <summary>Creates the exception for a job and the failure of its step.</summary>
    public MigrationFailedException(string jobId, Exception innerException)
        : base($"Migration job {jobId} stopped: {innerException?.Message} Resume it (virtcrypt resume {jobId}) or roll it back (virtcrypt rollback {jobId}).",
            (innerException as VirtCryptException)?.NativeError, innerException)
    {
        JobId = jobId;
    }

    /// <summary>The job to resume or roll back.</summary>
    public string JobId { get; }

    /// <summary>True when the job stopped because it was cancelled.</summary>
    public bool WasCancelled => InnerException is OperationCanceledException;
}
