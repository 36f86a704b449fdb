namespace VirtCrypt.Copy;

/// <summary>What a range of a disk holds.</summary>
internal enum DiskExtentKind
{
    /// <summary>Stored data (which may still happen to be zeros).</summary>
    Data,

    /// <summary>Reads as zeros without being stored: a hole, a zero cluster, an unallocated cluster without backing.</summary>
    Zero,
}

/// <summary>A range of a disk's virtual bytes and what it holds.</summary>
/// <param name="Offset">First byte of the range.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Kind">Data or zeros.</param>
internal readonly record struct DiskExtent(long Offset, long Length, DiskExtentKind Kind)
{
    /// <summary>The offset just past the range.</summary>
    public long End => Offset + Length;
}
