using System.Buffers.Binary;
using System.Text;
using VirtCrypt.Errors;

namespace VirtCrypt.Copy;

/// <summary>The compression of a qcow2 image's compressed clusters (header field <c>compression_type</c>).</summary>
internal enum Qcow2Compression
{
    Deflate = 0,
    Zstd = 1,
}

/// <summary>
/// A qcow2 header (docs/interop/qcow2.txt in QEMU), parsed and checked against the file so that nothing later
/// trusts an offset or size that lies outside it: every rule here bounds what a hostile image can make us allocate.
/// </summary>
internal sealed record Qcow2Header
{
    internal const int MinClusterBits = 9;
    internal const int MaxClusterBits = 21;

    /// <summary>QEMU's own limit on the L1 table (QCOW_MAX_L1_SIZE).</summary>
    internal const long MaxL1Bytes = 32L << 20;

    /// <summary>QEMU's limit on a backing file name.</summary>
    internal const int MaxBackingNameBytes = 1023;

    private const int V2HeaderLength = 72;
    private const int V3HeaderLength = 104;
    private const ulong IncompatibleDirty = 1 << 0;
    private const ulong IncompatibleCorrupt = 1 << 1;
    private const ulong IncompatibleExternalData = 1 << 2;
    private const ulong IncompatibleCompressionType = 1 << 3;
    private const ulong IncompatibleExtendedL2 = 1 << 4;
    private const ulong KnownIncompatible = IncompatibleDirty | IncompatibleCorrupt | IncompatibleExternalData | IncompatibleCompressionType | IncompatibleExtendedL2;
    private const uint ExtensionEnd = 0;
    private const uint ExtensionBackingFormat = 0xe2792aca;
    private const uint ExtensionExternalDataFile = 0x44415441;

    internal int Version { get; private init; }

    internal int ClusterBits { get; private init; }

    internal int ClusterSize => 1 << ClusterBits;

    internal long VirtualSize { get; private init; }

    internal long L1TableOffset { get; private init; }

    /// <summary>The L1 entries the virtual size needs (the header may declare more; they are never read).</summary>
    internal int L1Entries { get; private init; }

    internal Qcow2Compression Compression { get; private init; }

    internal string? BackingFile { get; private init; }

    internal string? BackingFormat { get; private init; }

    internal static Qcow2Header Read(BlockFile file, string path)
    {
        if (file.Length < V2HeaderLength)
        {
            throw Invalid(path, $"the header is truncated: the file has {file.Length} bytes, a qcow2 header needs {V2HeaderLength}");
        }

        Span<byte> fixedPart = stackalloc byte[V3HeaderLength];
        fixedPart = fixedPart[..file.ReadAt(0, fixedPart)];
        var version = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[4..]);
        if (version is not (2 or 3))
        {
            throw new OperationNotSupportedException($"{path} is a qcow2 image of version {version}; VirtCrypt reads versions 2 and 3.");
        }

        var clusterBits = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[20..]);
        if (clusterBits is < MinClusterBits or > MaxClusterBits)
        {
            throw Invalid(path, $"its cluster_bits is {clusterBits}, outside {MinClusterBits}..{MaxClusterBits}");
        }

        var clusterSize = 1 << (int)clusterBits;
        var headerLength = V2HeaderLength;
        ulong incompatible = 0;
        var compression = Qcow2Compression.Deflate;
        if (version == 3)
        {
            if (fixedPart.Length < V3HeaderLength)
            {
                throw Invalid(path, $"the version 3 header is truncated: the file has {file.Length} bytes, the header needs {V3HeaderLength}");
            }

            incompatible = BinaryPrimitives.ReadUInt64BigEndian(fixedPart[72..]);
            var declaredLength = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[100..]);
            if (declaredLength < V3HeaderLength || declaredLength > clusterSize || declaredLength > file.Length)
            {
                throw Invalid(path, $"its header_length is {declaredLength}, outside {V3HeaderLength}..{Math.Min(clusterSize, file.Length)}");
            }

            headerLength = (int)declaredLength;
        }

        var cluster = new byte[(int)Math.Min(clusterSize, file.Length)];
        file.ReadAt(0, cluster);
        if (version == 3 && headerLength > V3HeaderLength)
        {
            compression = cluster[V3HeaderLength] switch
            {
                0 => Qcow2Compression.Deflate,
                1 => Qcow2Compression.Zstd,
                var other => throw new OperationNotSupportedException($"{path} uses qcow2 compression type {other}; VirtCrypt reads deflate (0) and zstd (1)."),
            };
        }

        CheckFeatures(path, incompatible, BinaryPrimitives.ReadUInt32BigEndian(cluster.AsSpan(32)));
        var virtualSize = BinaryPrimitives.ReadUInt64BigEndian(cluster.AsSpan(24));
        var l2Coverage = (long)clusterSize * (clusterSize / 8);
        var maxVirtualSize = MaxL1Bytes / 8 * l2Coverage;
        if (virtualSize > (ulong)maxVirtualSize)
        {
            throw Invalid(path, $"its virtual size {virtualSize} is absurd (a {clusterSize}-byte cluster image holds at most {maxVirtualSize} bytes)");
        }

        var l1Needed = (long)((virtualSize + (ulong)l2Coverage - 1) / (ulong)l2Coverage);
        var l1Declared = BinaryPrimitives.ReadUInt32BigEndian(cluster.AsSpan(36));
        var l1Offset = BinaryPrimitives.ReadUInt64BigEndian(cluster.AsSpan(40));
        if (l1Declared < l1Needed)
        {
            throw Invalid(path, $"its L1 table has {l1Declared} entries, its virtual size of {virtualSize} bytes needs {l1Needed}");
        }

        if (l1Needed > 0 && (l1Offset % (ulong)clusterSize != 0 || l1Offset > (ulong)file.Length || (ulong)file.Length - l1Offset < (ulong)l1Needed * 8))
        {
            throw Invalid(path, $"its L1 table (offset {l1Offset}, {l1Needed} entries) lies outside the file ({file.Length} bytes) or is unaligned");
        }

        var (backingFile, backingFormat) = ReadBacking(path, cluster, headerLength);
        return new Qcow2Header
        {
            Version = (int)version,
            ClusterBits = (int)clusterBits,
            VirtualSize = (long)virtualSize,
            L1TableOffset = (long)l1Offset,
            L1Entries = (int)l1Needed,
            Compression = compression,
            BackingFile = backingFile,
            BackingFormat = backingFormat,
        };
    }

    private static void CheckFeatures(string path, ulong incompatible, uint cryptMethod)
    {
        if (cryptMethod != 0)
        {
            throw new OperationNotSupportedException(
                $"{path} is an encrypted qcow2 image (crypt_method {cryptMethod}). Decrypt it first (qemu-img convert with its secret to a plain image), then copy that.");
        }

        if ((incompatible & IncompatibleExternalData) != 0)
        {
            throw new OperationNotSupportedException(
                $"{path} keeps its data in an external data file, which VirtCrypt does not read. Convert it to a self-contained image first (qemu-img convert).");
        }

        if ((incompatible & IncompatibleCorrupt) != 0)
        {
            throw Invalid(path, "QEMU marked it corrupt. Repair it with qemu-img check -r all, then copy again");
        }

        if ((incompatible & IncompatibleExtendedL2) != 0)
        {
            throw new OperationNotSupportedException(
                $"{path} uses extended L2 entries (subclusters), which VirtCrypt does not read. Convert it (qemu-img convert -O qcow2) first.");
        }

        if ((incompatible & ~KnownIncompatible) != 0)
        {
            throw new OperationNotSupportedException(
                $"{path} uses unknown incompatible qcow2 features (bits 0x{incompatible & ~KnownIncompatible:x}). Convert it with a QEMU that knows them.");
        }
    }

    /// <summary>The backing file name and the format named in its header extension, both bounded by the first cluster.</summary>
    private static (string? File, string? Format) ReadBacking(string path, byte[] cluster, int headerLength)
    {
        var nameOffset = BinaryPrimitives.ReadUInt64BigEndian(cluster.AsSpan(8));
        var nameLength = BinaryPrimitives.ReadUInt32BigEndian(cluster.AsSpan(16));
        string? name = null;
        var extensionsEnd = cluster.Length;
        if (nameOffset != 0)
        {
            if (nameLength == 0 || nameLength > MaxBackingNameBytes || nameOffset < (ulong)headerLength || nameOffset > (ulong)cluster.Length || nameLength > (ulong)cluster.Length - nameOffset)
            {
                throw Invalid(path, $"its backing file name (offset {nameOffset}, {nameLength} bytes) lies outside the header cluster or is too long");
            }

            name = Encoding.UTF8.GetString(cluster, (int)nameOffset, (int)nameLength);
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid(path, "its backing file name contains a NUL byte");
            }

            extensionsEnd = (int)nameOffset;
        }

        string? format = null;
        for (var position = headerLength; position <= extensionsEnd - 8;)
        {
            var type = BinaryPrimitives.ReadUInt32BigEndian(cluster.AsSpan(position));
            var length = BinaryPrimitives.ReadUInt32BigEndian(cluster.AsSpan(position + 4));
            position += 8;
            if (type == ExtensionEnd)
            {
                break;
            }

            if (length > extensionsEnd - position)
            {
                throw Invalid(path, $"its header extension 0x{type:x8} ({length} bytes) runs past the header");
            }

            if (type == ExtensionBackingFormat)
            {
                format = Encoding.UTF8.GetString(cluster, position, (int)length);
            }
            else if (type == ExtensionExternalDataFile)
            {
                throw new OperationNotSupportedException(
                    $"{path} names an external data file, which VirtCrypt does not read. Convert it to a self-contained image first (qemu-img convert).");
            }

            position += (int)((length + 7) & ~7u);
        }

        return (name, format);
    }

    private static InvalidDiskImageException Invalid(string path, string problem) =>
        new(path, $"{path} is not a valid qcow2 image: {problem}. Check it with qemu-img check.");
}
