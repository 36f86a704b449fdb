using System.IO.Hashing;

namespace VirtCrypt.Copy;

/// <summary>
/// XxHash128 of each fixed-size segment of a disk, fed in order. Per-segment hashes (16 bytes per segment) locate a
/// difference without keeping more than that; a segment only partly fed (a resumed copy's first) has no hash.
/// </summary>
internal sealed class SegmentHashes
{
    private readonly XxHash128 hash = new();
    private readonly Dictionary<long, UInt128> hashes = [];
    private long position;

    internal SegmentHashes(long segmentSize, long start)
    {
        SegmentSize = segmentSize;
        position = start;
        FirstComplete = (start + segmentSize - 1) / segmentSize;
    }

    internal long SegmentSize { get; }

    /// <summary>The first segment this instance saw from its start.</summary>
    internal long FirstComplete { get; }

    internal UInt128? this[long segment] => hashes.TryGetValue(segment, out var value) ? value : null;

    /// <summary>Feeds the bytes at the current position; <paramref name="diskEnd"/> closes the last, shorter segment.</summary>
    internal void Append(ReadOnlySpan<byte> bytes, long diskEnd)
    {
        while (!bytes.IsEmpty)
        {
            var segment = position / SegmentSize;
            var segmentEnd = Math.Min((segment + 1) * SegmentSize, diskEnd);
            var take = (int)Math.Min(bytes.Length, segmentEnd - position);
            if (segment >= FirstComplete)
            {
                hash.Append(bytes[..take]);
            }

            position += take;
            bytes = bytes[take..];
            if (position == segmentEnd)
            {
                if (segment >= FirstComplete)
                {
                    hashes[segment] = hash.GetCurrentHashAsUInt128();
                }

                hash.Reset();
            }
        }
    }
}
