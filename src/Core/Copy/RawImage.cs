using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>A raw disk: a block device or a file, sparse or not, whose holes are found with SEEK_DATA/SEEK_HOLE.</summary>
internal sealed class RawImage : DiskImage
{
    private readonly BlockFile file;

    internal RawImage(string path, BlockFile file)
        : base(path, DiskFormat.Raw)
    {
        this.file = file;
    }

    public override long VirtualSize => file.Length;

    internal override bool IsDirect => file.IsDirect;

    internal override void AppendExtents(long offset, long length, ExtentList extents)
    {
        var end = offset + length;
        for (var position = offset; position < end;)
        {
            var data = file.NextData(position);
            if (data < 0 || data >= end)
            {
                extents.Add(position, end - position, DiskExtentKind.Zero);
                return;
            }

            extents.Add(position, data - position, DiskExtentKind.Zero);
            var hole = Math.Min(Math.Max(file.NextHole(data), data + 1), end);
            extents.Add(data, hole - data, DiskExtentKind.Data);
            position = hole;
        }
    }

    internal override void Read(long offset, SafeAlignedBufferHandle buffer, int bufferOffset, int length)
    {
        if (file.ReadAt(offset, buffer, bufferOffset, length) < length)
        {
            throw new VirtCryptException(
                $"{Path} ended before offset {offset + length}: it shrank while being read. Stop whatever changes it and copy again.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
