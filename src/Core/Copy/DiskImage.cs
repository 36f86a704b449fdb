using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// A disk image opened read-only and read as the guest sees it: its virtual size, an allocation map, and its bytes.
/// One image serves one thread at a time.
/// </summary>
internal abstract class DiskImage : IDisposable
{
    private static readonly byte[] Qcow2Magic = [(byte)'Q', (byte)'F', (byte)'I', 0xfb];
    private SafeAlignedBufferHandle? scratch;

    private protected DiskImage(string path, DiskFormat format)
    {
        Path = path;
        Format = format;
    }

    /// <summary>The image file or device.</summary>
    public string Path { get; }

    /// <summary>The format it was opened as (checked against its content).</summary>
    public DiskFormat Format { get; }

    /// <summary>The size of the disk the guest sees, in bytes.</summary>
    public abstract long VirtualSize { get; }

    /// <summary>
    /// Opens <paramref name="path"/> read-only as <paramref name="format"/>. A qcow2 image's backing files open with
    /// it. The declared format must match the file: a qcow2 file declared raw (or the reverse) is an error.
    /// </summary>
    /// <exception cref="InvalidDiskImageException">The file does not match the format or is damaged.</exception>
    /// <exception cref="Errors.OperationNotSupportedException">An encrypted qcow2, an external data file, an unknown feature.</exception>
    public static DiskImage Open(string path, DiskFormat format, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Open(path, format, logger ?? NullLogger.Instance, new BackingChain(path));
    }

    /// <summary>Which ranges of [<paramref name="offset"/>, +<paramref name="length"/>) hold data and which read as zeros.</summary>
    public IReadOnlyList<DiskExtent> GetExtents(long offset, long length)
    {
        CheckRange(offset, length);
        var extents = new ExtentList();
        AppendExtents(offset, length, extents);
        return extents.Items;
    }

    /// <summary>Reads the guest's bytes at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        scratch ??= SafeAlignedBufferHandle.Allocate(1 << 20, BlockFile.DirectAlignment);
        while (!destination.IsEmpty)
        {
            var length = Math.Min(destination.Length, scratch.Length);
            Read(offset, scratch, 0, length);
            scratch.AsSpan()[..length].CopyTo(destination);
            destination = destination[length..];
            offset += length;
        }
    }

    /// <summary>Closes the image and its backing files.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    internal static DiskImage Open(string path, DiskFormat format, ILogger logger, BackingChain chain)
    {
        var file = BlockFile.Open(path, BlockFileMode.Read, tryDirect: true, logger);
        try
        {
            var isQcow2 = HasQcow2Magic(file);
            return (format, isQcow2) switch
            {
                (DiskFormat.Raw, false) => new RawImage(path, file),
                (DiskFormat.Qcow2, true) => Qcow2Image.Open(path, file, logger, chain),
                (DiskFormat.Raw, true) => throw new InvalidDiskImageException(path,
                    $"{path} is declared raw but is a qcow2 image (it starts with the qcow2 magic). Declare it " +
                    "<driver type='qcow2'/> if it is one; VirtCrypt never guesses a disk's format."),
                _ => throw new InvalidDiskImageException(path,
                    $"{path} is declared qcow2 but does not start with the qcow2 magic (QFI\\xfb). Check the " +
                    "domain's <driver type=.../>; VirtCrypt never guesses a disk's format."),
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>True when the image's files are read with O_DIRECT.</summary>
    internal abstract bool IsDirect { get; }

    /// <summary>Appends the extents of a range already checked to lie inside the disk; thread-safe.</summary>
    internal abstract void AppendExtents(long offset, long length, ExtentList extents);

    /// <summary>
    /// Reads [<paramref name="offset"/>, +<paramref name="length"/>) into <paramref name="buffer"/> at
    /// <paramref name="bufferOffset"/>, directly from the device where alignment allows. Ranges that are holes are
    /// still filled (with zeros); callers that want to skip them ask <see cref="GetExtents"/> first. Thread-safe: the
    /// copy reads several requests at once.
    /// </summary>
    internal abstract void Read(long offset, SafeAlignedBufferHandle buffer, int bufferOffset, int length);

    /// <summary>Releases the file handles and buffers.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            scratch?.Dispose();
        }
    }

    internal static bool HasQcow2Magic(BlockFile file)
    {
        Span<byte> magic = stackalloc byte[4];
        return file.ReadAt(0, magic) == 4 && magic.SequenceEqual(Qcow2Magic);
    }

    private void CheckRange(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset > VirtualSize - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"[{offset}, +{length}) lies outside the disk ({VirtualSize} bytes).");
        }
    }
}
