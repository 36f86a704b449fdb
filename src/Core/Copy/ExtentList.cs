namespace VirtCrypt.Copy;

/// <summary>Collects extents in ascending order, merging neighbours of the same kind.</summary>
internal sealed class ExtentList
{
    private readonly List<DiskExtent> extents = [];

    internal IReadOnlyList<DiskExtent> Items => extents;

    internal void Add(long offset, long length, DiskExtentKind kind)
    {
        if (length <= 0)
        {
            return;
        }

        if (extents.Count > 0 && extents[^1] is var last && last.Kind == kind && last.End == offset)
        {
            extents[^1] = last with { Length = last.Length + length };
        }
        else
        {
            extents.Add(new DiskExtent(offset, length, kind));
        }
    }

    internal void Clear() => extents.Clear();
}
