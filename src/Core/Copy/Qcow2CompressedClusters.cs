using System.IO.Compression;
using ZstdSharp;

namespace VirtCrypt.Copy;

/// <summary>Reads and inflates compressed clusters (raw deflate, or zstd when the header says so), keeping the last one.</summary>
internal sealed class Qcow2CompressedClusters(BlockFile file, Qcow2Header header, string path)
{
    private readonly byte[] cluster = new byte[header.ClusterSize];
    private byte[] input = [];
    private long cachedOffset = -1;

    internal ReadOnlySpan<byte> Get(long hostOffset, int compressedBytes)
    {
        if (hostOffset == cachedOffset)
        {
            return cluster;
        }

        if (hostOffset >= file.Length)
        {
            throw Invalid($"a compressed cluster at host offset {hostOffset} lies past the end of the file ({file.Length} bytes)");
        }

        var length = (int)Math.Min(compressedBytes, file.Length - hostOffset);
        if (input.Length < length)
        {
            input = new byte[length];
        }

        length = file.ReadAt(hostOffset, input.AsSpan(0, length));
        cachedOffset = -1;
        int inflated;
        try
        {
            using var compressed = new MemoryStream(input, 0, length, writable: false);
            using Stream decoder = header.Compression == Qcow2Compression.Zstd
                ? new DecompressionStream(compressed, leaveOpen: true)
                : new DeflateStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            inflated = decoder.ReadAtLeast(cluster, cluster.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or IOException)
        {
            throw Invalid($"the compressed cluster at host offset {hostOffset} does not decompress ({e.Message})", e);
        }

        if (inflated < cluster.Length)
        {
            throw Invalid($"the compressed cluster at host offset {hostOffset} inflates to {inflated} bytes, not a whole cluster of {cluster.Length}");
        }

        cachedOffset = hostOffset;
        return cluster;
    }

    private InvalidDiskImageException Invalid(string problem, Exception? inner = null) =>
        new(path, $"{path} is not a valid qcow2 image: {problem}. Check it with qemu-img check.", inner);
}
