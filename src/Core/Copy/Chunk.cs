using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>One request's worth of a disk: its bytes (zeros filled in) and which parts are data.</summary>
internal sealed class Chunk(SafeAlignedBufferHandle buffer) : IDisposable
{
    internal SafeAlignedBufferHandle Buffer { get; } = buffer;

    internal long Offset { get; private set; }

    internal int Length { get; private set; }

    internal long End => Offset + Length;

    internal IReadOnlyList<DiskExtent> Extents { get; private set; } = [];

    internal bool IsAllZero => Extents is [{ Kind: DiskExtentKind.Zero }];

    internal ReadOnlySpan<byte> Bytes => Buffer.AsSpan()[..Length];

    /// <summary>Fills the chunk from <paramref name="image"/>: holes and zero clusters are cleared, not read.</summary>
    internal void Fill(DiskImage image, long offset, int length)
    {
        Offset = offset;
        Length = length;
        Extents = image.GetExtents(offset, length);
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
