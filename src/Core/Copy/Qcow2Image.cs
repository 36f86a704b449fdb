using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// A qcow2 image read as the guest sees it: L1/L2 tables, zero and unallocated clusters, compressed clusters and a
/// backing chain. Every offset from the tables is checked against the file before it is used. Several threads may
/// read at once: only the table lookups (through the shared L2 cache) take turns; data reads and decompression of
/// compressed clusters run in parallel, each thread with a decompressor from a small pool.
/// </summary>
internal sealed class Qcow2Image : DiskImage
{
    private const ulong TableOffsetMask = 0x00ff_ffff_ffff_fe00;
    private const ulong CompressedFlag = 1UL << 62;
    private const ulong ZeroFlag = 1;

    private readonly BlockFile file;
    private readonly Qcow2Header header;
    private readonly ulong[] l1;
    private readonly Qcow2L2Cache l2Cache;
    private readonly Lock tableLock = new();
    private readonly ConcurrentBag<Qcow2CompressedClusters> decompressors = [];
    private readonly DiskImage? backing;

    private Qcow2Image(string path, BlockFile file, Qcow2Header header, ulong[] l1, DiskImage? backing)
        : base(path, DiskFormat.Qcow2)
    {
        this.file = file;
        this.header = header;
        this.l1 = l1;
        this.backing = backing;
        l2Cache = new Qcow2L2Cache(file, header.ClusterSize, path);
    }

    public override long VirtualSize => header.VirtualSize;

    internal override bool IsDirect => file.IsDirect && (backing?.IsDirect ?? true);

    private int ClusterSize => header.ClusterSize;

    internal static Qcow2Image Open(string path, BlockFile file, ILogger logger, BackingChain chain)
    {
        var header = Qcow2Header.Read(file, path);
        var l1Bytes = new byte[header.L1Entries * 8];
        file.ReadAt(header.L1TableOffset, l1Bytes);
        var l1 = new ulong[header.L1Entries];
        for (var i = 0; i < l1.Length; i++)
        {
            l1[i] = BinaryPrimitives.ReadUInt64BigEndian(l1Bytes.AsSpan(i * 8));
        }

        var backing = header.BackingFile is null ? null : OpenBacking(path, header, logger, chain);
        return new Qcow2Image(path, file, header, l1, backing);
    }

    internal override void AppendExtents(long offset, long length, ExtentList extents)
    {
        var end = offset + length;
        for (var position = offset; position < end;)
        {
            var (cluster, runEnd) = Classify(position, end);
            var runLength = runEnd - position;
            switch (cluster.Kind)
            {
                case ClusterKind.Data or ClusterKind.Compressed:
                    extents.Add(position, runLength, DiskExtentKind.Data);
                    break;
                case ClusterKind.Unallocated when backing is not null:
                    AppendBackingExtents(position, runLength, extents);
                    break;
                default:
                    extents.Add(position, runLength, DiskExtentKind.Zero);
                    break;
            }

            position = runEnd;
        }
    }

    internal override void Read(long offset, SafeAlignedBufferHandle buffer, int bufferOffset, int length)
    {
        var end = offset + length;
        for (var position = offset; position < end;)
        {
            var (cluster, runEnd) = Classify(position, end);
            var runLength = (int)(runEnd - position);
            var at = bufferOffset + (int)(position - offset);
            switch (cluster.Kind)
            {
                case ClusterKind.Data:
                    ReadData(cluster.HostOffset + (position & (ClusterSize - 1)), buffer, at, runLength);
                    break;
                case ClusterKind.Compressed:
                    ReadCompressed(cluster, (int)(position & (ClusterSize - 1)), buffer.AsSpan().Slice(at, runLength));
                    break;
                case ClusterKind.Unallocated when backing is not null:
                    ReadBacking(position, buffer, at, runLength);
                    break;
                default:
                    buffer.AsSpan().Slice(at, runLength).Clear();
                    break;
            }

            position = runEnd;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            backing?.Dispose();
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    private static DiskImage OpenBacking(string path, Qcow2Header header, ILogger logger, BackingChain chain)
    {
        var name = header.BackingFile!;
        if (name.Contains(':', StringComparison.Ordinal) && !name.StartsWith('/'))
        {
            throw new OperationNotSupportedException(
                $"The backing file of {path} is given as '{name}', a protocol or JSON name; VirtCrypt follows plain file paths only.");
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var backingPath = System.IO.Path.Combine(directory, name);
        chain.Enter(path, backingPath);
        if (!File.Exists(backingPath))
        {
            throw new ObjectNotFoundException(
                $"The backing file {backingPath} of {path} does not exist. Restore it, or rebase the image (qemu-img rebase).");
        }

        var format = header.BackingFormat switch
        {
            "raw" => DiskFormat.Raw,
            "qcow2" => DiskFormat.Qcow2,
            null => ProbeFormat(backingPath, logger),
            var other => throw new OperationNotSupportedException(
                $"The backing file {backingPath} of {path} is in format '{other}'; VirtCrypt reads raw and qcow2 backing files."),
        };
        return Open(backingPath, format, logger, chain);
    }

    /// <summary>An old image that names no backing format: like QEMU, take the backing file's own magic.</summary>
    private static DiskFormat ProbeFormat(string backingPath, ILogger logger)
    {
        using var probe = BlockFile.Open(backingPath, BlockFileMode.Read, tryDirect: false, logger);
        return HasQcow2Magic(probe) ? DiskFormat.Qcow2 : DiskFormat.Raw;
    }

    private void AppendBackingExtents(long position, long length, ExtentList extents)
    {
        var inBacking = Math.Clamp(backing!.VirtualSize - position, 0, length);
        if (inBacking > 0)
        {
            backing.AppendExtents(position, inBacking, extents);
        }

        extents.Add(position + inBacking, length - inBacking, DiskExtentKind.Zero);
    }

    private void ReadBacking(long position, SafeAlignedBufferHandle buffer, int at, int length)
    {
        var inBacking = (int)Math.Clamp(backing!.VirtualSize - position, 0, length);
        if (inBacking > 0)
        {
            backing.Read(position, buffer, at, inBacking);
        }

        buffer.AsSpan().Slice(at + inBacking, length - inBacking).Clear();
    }

    /// <summary>Inflates a compressed cluster with a pooled decompressor (the pool holds one per concurrent reader at most).</summary>
    private void ReadCompressed(Cluster cluster, int from, Span<byte> destination)
    {
        var decompressor = decompressors.TryTake(out var pooled) ? pooled : new Qcow2CompressedClusters(file, header, Path);
        try
        {
            decompressor.Get(cluster.HostOffset, cluster.CompressedBytes).Slice(from, destination.Length).CopyTo(destination);
        }
        finally
        {
            decompressors.Add(decompressor);
        }
    }

    /// <summary>Reads stored clusters; a cluster that starts past the end of the file is damage, one that ends past it reads zeros (as in QEMU).</summary>
    private void ReadData(long hostOffset, SafeAlignedBufferHandle buffer, int at, int length)
    {
        if (hostOffset >= file.Length)
        {
            throw new InvalidDiskImageException(Path,
                $"{Path} is not a valid qcow2 image: a data cluster at host offset {hostOffset} lies past the end of the file ({file.Length} bytes). Check it with qemu-img check.");
        }

        var read = file.ReadAt(hostOffset, buffer, at, length);
        buffer.AsSpan().Slice(at + read, length - read).Clear();
    }

    /// <summary>
    /// The cluster at <paramref name="position"/> and the end of the run of clusters after it that can be handled in
    /// one go: contiguous stored data, or zero or unallocated clusters; a compressed cluster is a run of its own.
    /// </summary>
    private (Cluster Cluster, long RunEnd) Classify(long position, long end)
    {
        lock (tableLock)
        {
            return ClassifyLocked(position, end);
        }
    }

    private (Cluster Cluster, long RunEnd) ClassifyLocked(long position, long end)
    {
        var first = Lookup(position);
        var runEnd = Math.Min(HasL2Table(position) ? NextClusterStart(position) : NextL2Start(position), end);
        if (first.Kind == ClusterKind.Compressed)
        {
            return (first, runEnd);
        }

        while (runEnd < end)
        {
            var next = Lookup(runEnd);
            var contiguous = first.Kind == ClusterKind.Data
                ? next.Kind == ClusterKind.Data && next.HostOffset == first.HostOffset + (runEnd - (position & ~(long)(ClusterSize - 1)))
                : next.Kind == first.Kind;
            if (!contiguous)
            {
                break;
            }

            runEnd = Math.Min(HasL2Table(runEnd) ? NextClusterStart(runEnd) : NextL2Start(runEnd), end);
        }

        return (first, runEnd);
    }

    private long NextClusterStart(long position) => (position | ((long)ClusterSize - 1)) + 1;

    /// <summary>Where the range of the next L1 entry starts: an empty L1 entry is skipped whole, not cluster by cluster.</summary>
    private long NextL2Start(long position) => (position | ((1L << (2 * header.ClusterBits - 3)) - 1)) + 1;

    private bool HasL2Table(long position) =>
        (l1[(position >> header.ClusterBits) / (ClusterSize / 8)] & TableOffsetMask) != 0;

    private Cluster Lookup(long position)
    {
        var entriesPerTable = ClusterSize / 8;
        var cluster = position >> header.ClusterBits;
        var l2Table = (long)((ulong)l1[cluster / entriesPerTable] & TableOffsetMask);
        if (l2Table == 0)
        {
            return new Cluster(ClusterKind.Unallocated, 0, 0);
        }

        var entry = l2Cache.Get(l2Table)[(int)(cluster % entriesPerTable)];
        if ((entry & CompressedFlag) != 0)
        {
            var offsetBits = 62 - (header.ClusterBits - 8);
            var hostOffset = (long)(entry & ((1UL << offsetBits) - 1));
            var sectors = (int)((entry >> offsetBits) & ((1UL << (header.ClusterBits - 8)) - 1)) + 1;
            return new Cluster(ClusterKind.Compressed, hostOffset, (sectors * 512) - (int)(hostOffset & 511));
        }

        if ((entry & ZeroFlag) != 0)
        {
            return new Cluster(ClusterKind.Zero, 0, 0);
        }

        var host = (long)(entry & TableOffsetMask);
        if (host == 0)
        {
            return new Cluster(ClusterKind.Unallocated, 0, 0);
        }

        if ((host & (ClusterSize - 1)) != 0)
        {
            throw new InvalidDiskImageException(Path,
                $"{Path} is not a valid qcow2 image: the data cluster for guest offset {position} has an unaligned host offset {host}. Check it with qemu-img check.");
        }

        return new Cluster(ClusterKind.Data, host, 0);
    }

    private enum ClusterKind
    {
        Unallocated,
        Zero,
        Data,
        Compressed,
    }

    private readonly record struct Cluster(ClusterKind Kind, long HostOffset, int CompressedBytes);
}
