using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// One request's worth of a disk: its bytes and which parts are data. Zero ranges inside a data chunk are cleared
/// when it is filled; a chunk that is all zeros is cleared only if someone asks for its bytes.
/// </summary>
internal sealed class Chunk(SafeAlignedBufferHandle buffer) : IDisposable
{
    private bool cleared;

    internal SafeAlignedBufferHandle Buffer { get; } = buffer;

    internal long Offset { get; private set; }

    internal int Length { get; private set; }

    internal long End => Offset + Length;

    internal IReadOnlyList<DiskExtent> Extents { get; private set; } = [];

    internal bool IsAllZero => Extents is [{ Kind: DiskExtentKind.Zero }];

    /// <summary>The chunk's bytes (an all-zero chunk is cleared on first use).</summary>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            EnsureBytes();
            return Buffer.AsSpan()[..Length];
        }
    }

    /// <summary>Makes the buffer hold the chunk's bytes, clearing an all-zero chunk that was not read.</summary>
    internal void EnsureBytes()
    {
        if (!cleared)
        {
            Buffer.AsSpan()[..Length].Clear();
            cleared = true;
        }
    }

    /// <summary>Fills the chunk from <paramref name="image"/> (several chunks may fill at once): holes and zero clusters are not read.</summary>
    internal void Fill(DiskImage image, long offset, int length)
    {
        Offset = offset;
        Length = length;
        Extents = image.GetExtents(offset, length);
        cleared = !IsAllZero;
        if (!cleared)
        {
            return;
        }

        foreach (var extent in Extents)
        {
            var at = (int)(extent.Offset - offset);
            if (extent.Kind == DiskExtentKind.Data)
            {
                image.Read(extent.Offset, Buffer, at, (int)extent.Length);
            }
            else
            {
                Buffer.AsSpan().Slice(at, (int)extent.Length).Clear();
            }
        }
    }

    public void Dispose() => Buffer.Dispose();
}
