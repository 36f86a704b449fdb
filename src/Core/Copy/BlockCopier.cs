using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Errors;

namespace VirtCrypt.Copy;

/// <summary>
/// Copies a disk (raw or qcow2, read as the guest sees it) onto a block device or file: O_DIRECT, large requests,
/// several in flight, holes not read, zeros skipped or written as the target needs, durable
/// checkpoints to resume from, and a hash comparison of source and target at the end.
/// </summary>
internal sealed class BlockCopier
{
    private readonly ILogger logger;

    /// <summary>Creates a copier that logs to <paramref name="logger"/> (nothing by default).</summary>
    public BlockCopier(ILogger<BlockCopier>? logger = null)
    {
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Copies <paramref name="source"/> onto <paramref name="target"/> on dedicated threads. The source is opened
    /// read-only; a target smaller than the source is refused before anything is written; a larger target's tail is
    /// left alone. Cancellation stops within one request, after a last checkpoint.
    /// </summary>
    /// <exception cref="CopyVerificationException">The target read back differs from the source.</exception>
    /// <exception cref="InvalidDiskImageException">The source is damaged or not in its declared format.</exception>
    /// <exception cref="InsufficientSpaceException">The target is smaller than the source's virtual size.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; resume from the last checkpoint reported.</exception>
    public Task<CopyResult> CopyAsync(
        DiskSource source, CopyTarget target, CopyOptions? options = null,
        IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new CopyOptions();
        options.Validate();
        if (Path.GetFullPath(source.Path) == Path.GetFullPath(target.Path))
        {
            throw new InvalidOperationStateException($"The source and the target are the same ({source.Path}); nothing was done.");
        }

        return Task.Factory.StartNew(
            () => Copy(source, target, options, progress, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private CopyResult Copy(DiskSource source, CopyTarget target, CopyOptions options, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        using var image = DiskImage.Open(source.Path, source.Format, logger);
        var size = image.VirtualSize;
        var resume = options.ResumeFrom;
        if (resume is not null && (resume.SourceSize != size || resume.Offset < 0 || resume.Offset > size))
        {
            throw new InvalidOperationStateException(
                $"The checkpoint (offset {resume.Offset} of {resume.SourceSize} bytes) does not belong to {source.Path} ({size} bytes). Start the copy again without it.");
        }

        using var writer = TargetWriter.Open(target, image, resume, options.DirectIO, logger);
        var start = resume?.Offset ?? 0;
        logger.CopyStarting(source.Path, source.Format, size, target.Path, start);
        var hashes = new SegmentHashes(SegmentSize(options), start);
        var clock = Stopwatch.StartNew();
        CopyRange(image, writer, start, hashes, options, progress, cancellationToken);
        var copyTime = clock.Elapsed;

        clock.Restart();
        if (options.Verify)
        {
            new CopyVerifier(image, writer.File.Path, hashes, options, logger).Verify(progress, cancellationToken);
        }

        return new CopyResult
        {
            SourceSize = size,
            TargetSize = writer.File.Length,
            ResumedFrom = start,
            BytesWritten = writer.BytesWritten,
            BytesZeroed = writer.BytesZeroed,
            BytesSkipped = writer.BytesSkipped,
            DirectIO = writer.File.IsDirect && image.IsDirect,
            Verified = options.Verify,
            CopyTime = copyTime,
            VerifyTime = options.Verify ? clock.Elapsed : TimeSpan.Zero,
        };
    }

    /// <summary>Segments of at least 64 MiB, a whole number of requests.</summary>
    private static long SegmentSize(CopyOptions options) =>
        Math.Max(1, (64L << 20) / options.RequestSize) * options.RequestSize;

    private void CopyRange(
        DiskImage image, TargetWriter writer, long start, SegmentHashes hashes, CopyOptions options,
        IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        var size = image.VirtualSize;
        var meter = new ProgressMeter(progress, CopyPhase.Copying, start, size, options.ProgressInterval);
        var durable = start;
        var written = start;
        var workAtCheckpoint = WorkDone(writer);
        try
        {
            ChunkPipeline.Run(start, size, options.RequestSize, options.RequestsInFlight,
                (chunk, offset, length) =>
                {
                    chunk.Fill(image, offset, length);
                    return hashes.Digest(chunk);
                },
                (offset, length, digest) =>
                {
                    hashes.Append(offset, length, digest, size);
                    written = offset + length;
                    meter.Advance(length);
                    if (WorkDone(writer) - workAtCheckpoint >= options.CheckpointInterval)
                    {
                        durable = Checkpoint(writer, size, written, options);
                        workAtCheckpoint = WorkDone(writer);
                    }
                },
                cancellationToken,
                writer.Write,
                writeInOrder: !writer.File.IsBlockDevice);
            writer.Complete();
            Checkpoint(writer, size, written, options);
            writer.File.DropCache();
        }
        catch when (written > durable)
        {
            TryCheckpoint(writer, size, written, options);
            throw;
        }
    }

    /// <summary>
    /// The bytes that reached the target, data and zeros: what a checkpoint's flush has to make durable. Skipped holes
    /// cost a flush nothing and are cheap to pass again on resume, so they do not bring the next checkpoint closer.
    /// </summary>
    private static long WorkDone(TargetWriter writer) => writer.BytesWritten + writer.BytesZeroed;

    private long Checkpoint(TargetWriter writer, long size, long offset, CopyOptions options)
    {
        writer.File.Flush();
        logger.CheckpointReached(writer.File.Path, offset);
        options.CheckpointReached?.Invoke(new CopyCheckpoint(size, offset, writer.ReadsZeros));
        return offset;
    }

    /// <summary>The last checkpoint of a copy that stops early; if even the flush fails, the previous one stands.</summary>
    private void TryCheckpoint(TargetWriter writer, long size, long offset, CopyOptions options)
    {
        try
        {
            Checkpoint(writer, size, offset, options);
        }
        catch (VirtCryptException)
        {
        }
    }
}
