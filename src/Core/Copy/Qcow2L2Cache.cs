using System.Buffers.Binary;

namespace VirtCrypt.Copy;

/// <summary>A few recently used L2 tables (about 1 MiB, at least two tables), so memory stays bounded whatever the disk size.</summary>
internal sealed class Qcow2L2Cache(BlockFile file, int clusterSize, string path)
{
    private const int BudgetBytes = 1 << 20;

    private readonly (long Offset, ulong[] Entries)[] tables = new (long, ulong[])[Math.Clamp(BudgetBytes / clusterSize, 2, 16)];
    private readonly byte[] raw = new byte[clusterSize];
    private int next;

    internal ulong[] Get(long offset)
    {
        foreach (var (cachedOffset, entries) in tables)
        {
            if (cachedOffset == offset && entries is not null)
            {
                return entries;
            }
        }

        if ((offset & (clusterSize - 1)) != 0 || offset > file.Length - clusterSize)
        {
            throw new InvalidDiskImageException(path,
                $"{path} is not a valid qcow2 image: an L2 table at offset {offset} is unaligned or lies outside the file ({file.Length} bytes). Check it with qemu-img check.");
        }

        file.ReadAt(offset, raw);
        var table = tables[next].Entries ?? new ulong[clusterSize / 8];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(i * 8));
        }

        tables[next] = (offset, table);
        next = (next + 1) % tables.Length;
        return table;
    }
}
