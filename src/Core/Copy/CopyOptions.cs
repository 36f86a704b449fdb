namespace VirtCrypt.Copy;

/// <summary>How <see cref="BlockCopier"/> copies. The defaults suit a local disk onto dm-crypt.</summary>
internal sealed class CopyOptions
{
    /// <summary>The size of each read and write request: a multiple of 4096 between 64 KiB and 64 MiB (default 4 MiB).</summary>
    public int RequestSize { get; init; } = 4 << 20;

    /// <summary>
    /// How many requests are in flight at once, each read, hashed and written on its own thread (2..16, default 4);
    /// memory is this times <see cref="RequestSize"/>.
    /// </summary>
    public int RequestsInFlight { get; init; } = 4;

    /// <summary>Use O_DIRECT on source and target where the file system allows it (default true).</summary>
    public bool DirectIO { get; init; } = true;

    /// <summary>Re-read the target after the copy and compare its hash with the source's (default true).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>A checkpoint of an earlier, interrupted copy of the same source onto the same target.</summary>
    public CopyCheckpoint? ResumeFrom { get; init; }

    /// <summary>
    /// How many bytes written to the target (data and zeros; skipped holes do not count) between two checkpoints
    /// (default 256 MiB); each costs an fdatasync.
    /// </summary>
    public long CheckpointInterval { get; init; } = 256L << 20;

    /// <summary>
    /// Called on the copying thread after each checkpoint is durable, and once more when the copy stops early
    /// (cancelled or failed) with the last durable offset. Persist it to resume later.
    /// </summary>
    public Action<CopyCheckpoint>? CheckpointReached { get; init; }

    /// <summary>The least time between two progress reports (default 500 ms).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    internal void Validate()
    {
        if (RequestSize is < 64 << 10 or > 64 << 20 || RequestSize % BlockFile.DirectAlignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestSize), RequestSize, "The request size must be a multiple of 4096 between 64 KiB and 64 MiB.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RequestsInFlight, 2, nameof(RequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RequestsInFlight, 16, nameof(RequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CheckpointInterval, nameof(CheckpointInterval));
    }
}
