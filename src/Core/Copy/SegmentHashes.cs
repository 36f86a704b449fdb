using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace VirtCrypt.Copy;

/// <summary>
/// A hash per fixed-size segment of a disk: XxHash128 over the XxHash128 digests of the segment's chunks, fed in
/// order. A chunk known to be all zeros costs nothing (its digest is computed once per length), yet a target whose
/// zeros were written as data hashes the same. 16 bytes per segment locate a difference; a segment only partly fed
/// (a resumed copy's first) has no hash.
/// </summary>
internal sealed class SegmentHashes
{
    private readonly XxHash128 segmentHash = new();
    private readonly Dictionary<long, UInt128> hashes = [];
    private readonly ConcurrentDictionary<int, UInt128> zeroDigests = [];

    internal SegmentHashes(long segmentSize, long start)
    {
        SegmentSize = segmentSize;
        FirstComplete = (start + segmentSize - 1) / segmentSize;
    }

    internal long SegmentSize { get; }

    /// <summary>The first segment this instance saw from its start.</summary>
    internal long FirstComplete { get; }

    internal UInt128? this[long segment] => hashes.TryGetValue(segment, out var value) ? value : null;

    /// <summary>The digest of a filled chunk; thread-safe.</summary>
    internal UInt128 Digest(Chunk chunk) =>
        chunk.IsAllZero ? zeroDigests.GetOrAdd(chunk.Length, length => XxHash128.HashToUInt128(new byte[length])) : XxHash128.HashToUInt128(chunk.Bytes);

    /// <summary>
    /// Feeds the digest of the next chunk, [<paramref name="offset"/>, +<paramref name="length"/>), which lies inside
    /// one segment; <paramref name="diskEnd"/> closes the last, shorter segment.
    /// </summary>
    internal void Append(long offset, int length, UInt128 digest, long diskEnd)
    {
        var segment = offset / SegmentSize;
        if (segment < FirstComplete)
        {
            return;
        }

        segmentHash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in digest)));
        if (offset + length == Math.Min((segment + 1) * SegmentSize, diskEnd))
        {
            hashes[segment] = segmentHash.GetCurrentHashAsUInt128();
            segmentHash.Reset();
        }
    }
}
