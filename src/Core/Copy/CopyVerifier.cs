using Microsoft.Extensions.Logging;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// Re-reads the target and compares its per-segment XxHash128 with the source's, hashed while copying (segments
/// before a resume point are hashed from the source again). A mismatch is narrowed down to the first differing byte.
/// </summary>
internal sealed class CopyVerifier(DiskImage source, string targetPath, SegmentHashes copied, CopyOptions options, ILogger logger)
{
    internal void Verify(IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        var size = source.VirtualSize;
        var unhashed = Math.Min(copied.FirstComplete * copied.SegmentSize, size);
        var meter = new ProgressMeter(progress, CopyPhase.Verifying, 0, unhashed + size, options.ProgressInterval);
        var sourcePrefix = Hash(source, unhashed, meter, cancellationToken);
        using var target = new RawImage(targetPath, BlockFile.Open(targetPath, BlockFileMode.Read, options.DirectIO, logger));
        var targetHashes = Hash(target, size, meter, cancellationToken);
        for (long segment = 0; segment * copied.SegmentSize < size; segment++)
        {
            var expected = segment < copied.FirstComplete ? sourcePrefix[segment] : copied[segment];
            if (expected != targetHashes[segment])
            {
                throw new CopyVerificationException(source.Path, targetPath, FirstDifference(target, segment));
            }
        }

        logger.Verified(source.Path, targetPath, size);
    }

    private SegmentHashes Hash(DiskImage image, long end, ProgressMeter meter, CancellationToken cancellationToken)
    {
        var hashes = new SegmentHashes(copied.SegmentSize, 0);
        ChunkPipeline.Run(0, end, options.RequestSize, options.RequestsInFlight,
            (chunk, offset, length) =>
            {
                chunk.Fill(image, offset, length);
                return hashes.Digest(chunk);
            },
            (offset, length, digest) =>
            {
                hashes.Append(offset, length, digest, end);
                meter.Advance(length);
            },
            cancellationToken);
        return hashes;
    }

    private long FirstDifference(DiskImage target, long segment)
    {
        var start = segment * copied.SegmentSize;
        var end = Math.Min(start + copied.SegmentSize, source.VirtualSize);
        using var expected = new Chunk(SafeAlignedBufferHandle.Allocate(options.RequestSize, BlockFile.DirectAlignment));
        using var actual = new Chunk(SafeAlignedBufferHandle.Allocate(options.RequestSize, BlockFile.DirectAlignment));
        for (var offset = start; offset < end; offset += options.RequestSize)
        {
            var length = (int)Math.Min(options.RequestSize, end - offset);
            expected.Fill(source, offset, length);
            actual.Fill(target, offset, length);
            var same = expected.Bytes.CommonPrefixLength(actual.Bytes);
            if (same < length)
            {
                return offset + same;
            }
        }

        // The source itself changed since it was hashed: the segment is all that can be named.
        return start;
    }
}
