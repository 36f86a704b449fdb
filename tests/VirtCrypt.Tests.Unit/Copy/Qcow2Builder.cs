using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>
/// Writes small qcow2 images by the specification (header, L1, L2, data and deflate-compressed clusters) so the
/// reader can be tested, and attacked, without QEMU. The Native tests check the reader against qemu-img itself.
/// </summary>
internal sealed class Qcow2Builder(long virtualSize, int clusterBits = 16)
{
    private readonly Dictionary<long, (byte[] Bytes, bool Compressed)> clusters = [];
    private readonly HashSet<long> zeroClusters = [];

    internal int ClusterSize => 1 << clusterBits;

    internal string? BackingFile { get; init; }

    internal string? BackingFormat { get; init; }

    /// <summary>Offsets of the L1 table and the first L2 table in the last built image.</summary>
    internal (long L1, long FirstL2) Layout { get; private set; }

    internal Qcow2Builder Data(long cluster, byte[] bytes, bool compressed = false)
    {
        clusters[cluster] = (bytes, compressed);
        return this;
    }

    internal Qcow2Builder Zero(long cluster)
    {
        zeroClusters.Add(cluster);
        return this;
    }

    /// <summary>What the guest sees, with <paramref name="backing"/> under unallocated clusters.</summary>
    internal byte[] Expected(byte[]? backing = null)
    {
        var disk = new byte[virtualSize];
        backing?.AsSpan(0, (int)Math.Min(backing.Length, virtualSize)).CopyTo(disk);
        foreach (var cluster in zeroClusters)
        {
            disk.AsSpan(Slice(cluster)).Clear();
        }

        foreach (var (cluster, (bytes, _)) in clusters)
        {
            var slice = disk.AsSpan(Slice(cluster));
            slice.Clear();
            bytes.AsSpan(0, Math.Min(bytes.Length, slice.Length)).CopyTo(slice);
        }

        return disk;
    }

    internal byte[] Build()
    {
        var entriesPerTable = ClusterSize / 8;
        var l1Entries = (int)((virtualSize + ((long)ClusterSize * entriesPerTable) - 1) / ((long)ClusterSize * entriesPerTable));
        var l1Clusters = Math.Max(1, ((l1Entries * 8) + ClusterSize - 1) / ClusterSize);
        var tables = clusters.Keys.Concat(zeroClusters).Select(c => c / entriesPerTable).Distinct().Order().ToList();
        var next = (long)(1 + l1Clusters) * ClusterSize;
        var l2Offsets = tables.ToDictionary(t => t, _ => (next += ClusterSize) - ClusterSize);
        Layout = ((long)ClusterSize, l2Offsets.Count > 0 ? l2Offsets.Values.Min() : 0);
        using var image = new MemoryStream();
        image.SetLength(next);
        var l2Entries = new Dictionary<long, ulong>();
        foreach (var cluster in zeroClusters)
        {
            l2Entries[cluster] = 1;
        }

        foreach (var (cluster, (bytes, compressed)) in clusters.OrderBy(c => c.Key))
        {
            var whole = new byte[ClusterSize];
            bytes.CopyTo(whole, 0);
            if (compressed)
            {
                var deflated = Deflate(whole);
                var offset = image.Length;
                image.Position = offset;
                image.Write(deflated);
                var offsetBits = 62 - (clusterBits - 8);
                var sectors = (ulong)(((offset & 511) + deflated.Length + 511) / 512) - 1;
                l2Entries[cluster] = (1UL << 62) | (sectors << offsetBits) | (ulong)offset;
            }
            else
            {
                var offset = (image.Length + ClusterSize - 1) / ClusterSize * ClusterSize;
                image.Position = offset;
                image.Write(whole);
                l2Entries[cluster] = (1UL << 63) | (ulong)offset;
            }
        }

        var bytesOut = image.ToArray();
        WriteHeader(bytesOut, l1Entries);
        foreach (var (table, offset) in l2Offsets)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytesOut.AsSpan((int)(ClusterSize + (table * 8))), (1UL << 63) | (ulong)offset);
        }

        foreach (var (cluster, entry) in l2Entries)
        {
            var at = l2Offsets[cluster / entriesPerTable] + ((cluster % entriesPerTable) * 8);
            BinaryPrimitives.WriteUInt64BigEndian(bytesOut.AsSpan((int)at), entry);
        }

        return bytesOut;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    private Range Slice(long cluster) =>
        new((int)(cluster * ClusterSize), (int)Math.Min((cluster + 1) * ClusterSize, virtualSize));

    private void WriteHeader(byte[] image, int l1Entries)
    {
        var header = image.AsSpan();
        ReadOnlySpan<byte> magic = [(byte)'Q', (byte)'F', (byte)'I', 0xfb];
        magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], (uint)clusterBits);
        BinaryPrimitives.WriteUInt64BigEndian(header[24..], (ulong)virtualSize);
        BinaryPrimitives.WriteUInt32BigEndian(header[36..], (uint)l1Entries);
        BinaryPrimitives.WriteUInt64BigEndian(header[40..], (ulong)ClusterSize);
        BinaryPrimitives.WriteUInt32BigEndian(header[96..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(header[100..], 104);
        var position = 104;
        if (BackingFormat is not null)
        {
            var format = Encoding.UTF8.GetBytes(BackingFormat);
            BinaryPrimitives.WriteUInt32BigEndian(header[position..], 0xe2792aca);
            BinaryPrimitives.WriteUInt32BigEndian(header[(position + 4)..], (uint)format.Length);
            format.CopyTo(header[(position + 8)..]);
            position += 8 + ((format.Length + 7) & ~7);
        }

        position += 8;
        if (BackingFile is not null)
        {
            var name = Encoding.UTF8.GetBytes(BackingFile);
            BinaryPrimitives.WriteUInt64BigEndian(header[8..], (ulong)position);
            BinaryPrimitives.WriteUInt32BigEndian(header[16..], (uint)name.Length);
            name.CopyTo(header[position..]);
        }
    }
}
