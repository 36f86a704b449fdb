using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VirtCrypt.Files;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Copy;

/// <summary>How a <see cref="BlockFile"/> is opened.</summary>
internal enum BlockFileMode
{
    /// <summary>Read-only (every source, always).</summary>
    Read,

    /// <summary>Read-write, the file or device must exist.</summary>
    Write,

    /// <summary>Read-write, the file is created (it must not exist).</summary>
    CreateNew,
}

/// <summary>
/// A file or block device opened twice: with O_DIRECT for aligned bulk I/O (when the file system allows it) and
/// buffered for everything else (metadata, unaligned heads and tails). Positioned I/O only, so both are shareable.
/// </summary>
internal sealed class BlockFile : IDisposable
{
    /// <summary>The alignment of offsets, lengths and buffers that direct I/O needs (4096 covers 512e and 4Kn devices).</summary>
    internal const int DirectAlignment = 4096;

    private readonly SafeFileDescriptorHandle buffered;
    private readonly SafeFileDescriptorHandle? direct;
    private long size;

    private BlockFile(string path, SafeFileDescriptorHandle buffered, SafeFileDescriptorHandle? direct)
    {
        Path = path;
        this.buffered = buffered;
        this.direct = direct;
        IsBlockDevice = ioctl(buffered, BLKGETSIZE64, out var deviceSize) == 0;
        size = IsBlockDevice ? (long)deviceSize : Seek(0, SEEK_END);
    }

    internal string Path { get; }

    internal bool IsBlockDevice { get; }

    internal bool IsDirect => direct is not null;

    /// <summary>The size in bytes: when opened, then grown by writes past it (from any thread) and by <see cref="SetLength"/>.</summary>
    internal long Length => Volatile.Read(ref size);

    internal static BlockFile Open(string path, BlockFileMode mode, bool tryDirect, ILogger logger)
    {
        var flags = O_CLOEXEC | mode switch
        {
            BlockFileMode.Read => O_RDONLY,
            BlockFileMode.Write => O_RDWR,
            _ => O_RDWR | O_CREAT | O_EXCL,
        };
        var buffered = OpenDiskOrImage(path, flags);

        SafeFileDescriptorHandle? direct = null;
        if (tryDirect)
        {
            direct = new SafeFileDescriptorHandle(open(path, (flags & ~(O_CREAT | O_EXCL)) | O_DIRECT, 0));
            if (direct.IsInvalid)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.DirectIoUnavailable(path, Marshal.GetPInvokeErrorMessage(errno));
                }

                direct.Dispose();
                direct = null;
            }
        }

        if (direct is null)
        {
            _ = posix_fadvise(buffered, 0, 0, POSIX_FADV_SEQUENTIAL);
        }

        return new BlockFile(path, buffered, direct);
    }

    /// <summary>Opens a regular file or block device; anything else (a FIFO would block every read) is refused unread.</summary>
    private static SafeFileDescriptorHandle OpenDiskOrImage(string path, int flags)
    {
        var opened = OpenedFile.Open(path, flags, 0b110_000_000);
        try
        {
            if (opened.Kind is not (FileKind.RegularFile or FileKind.BlockDevice))
            {
                throw new InvalidDiskImageException(path,
                    $"{path} is {FileStatus.Describe(opened.Kind)}, not a disk image file or a block device: VirtCrypt reads and writes disks only as regular files and block devices. Check the path.");
            }

            opened.MakeBlocking();
            return opened.Handle;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/>; fewer bytes only at the end of the file.</summary>
    internal int ReadAt(long offset, Span<byte> destination) => ReadFully(buffered, Path, offset, destination, stopAtShortRead: false);

    /// <summary>
    /// Reads <paramref name="length"/> bytes into <paramref name="buffer"/> at <paramref name="bufferOffset"/>, directly
    /// when everything is aligned (a short length is rounded up inside the buffer: reads past the end stop there).
    /// Returns the bytes read; fewer only at the end of the file.
    /// </summary>
    internal int ReadAt(long offset, SafeAlignedBufferHandle buffer, int bufferOffset, int length)
    {
        var rounded = RoundUp(length);
        if (direct is not null && IsAligned(offset) && IsAligned(bufferOffset) && bufferOffset + rounded <= buffer.Length)
        {
            return Math.Min(length, ReadFully(direct, Path, offset, buffer.AsSpan().Slice(bufferOffset, rounded), stopAtShortRead: true));
        }

        return ReadFully(buffered, Path, offset, buffer.AsSpan().Slice(bufferOffset, length), stopAtShortRead: false);
    }

    /// <summary>Writes <paramref name="length"/> bytes of <paramref name="buffer"/>, directly when offset, length and buffer offset are aligned.</summary>
    internal void WriteAt(long offset, SafeAlignedBufferHandle buffer, int bufferOffset, int length)
    {
        var aligned = direct is not null && IsAligned(offset) && IsAligned(bufferOffset) && IsAligned(length);
        var fd = aligned ? direct! : buffered;
        var span = buffer.AsSpan().Slice(bufferOffset, length);
        while (!span.IsEmpty)
        {
            var written = pwrite(fd, span, (nuint)span.Length, offset);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR)
                {
                    continue;
                }

                throw CopyErrors.LastError($"Writing {span.Length} bytes at offset {offset} of", Path);
            }

            span = span[(int)written..];
            offset += written;
        }

        for (var known = Length; offset > known; known = Length)
        {
            if (Interlocked.CompareExchange(ref size, offset, known) == known)
            {
                break;
            }
        }
    }

    /// <summary>Zeroes a 512-byte aligned range of a block device with BLKZEROOUT; false when the device refuses (then write zeros).</summary>
    internal bool TryZeroOut(long offset, long length)
    {
        ReadOnlySpan<ulong> range = [(ulong)offset, (ulong)length];
        return ioctl(buffered, BLKZEROOUT, range) == 0;
    }

    /// <summary>
    /// The offset of the first data at or after <paramref name="offset"/> (SEEK_DATA), or -1 when only a hole follows.
    /// Where the file system or device cannot tell, everything is data.
    /// </summary>
    internal long NextData(long offset)
    {
        var result = lseek(buffered, offset, SEEK_DATA);
        if (result >= 0)
        {
            return result;
        }

        return Marshal.GetLastPInvokeError() switch
        {
            ENXIO => -1,
            EINVAL or EOPNOTSUPP => offset,
            var errno => throw CopyErrors.ForErrno(errno, $"Finding data (SEEK_DATA) at offset {offset} in", Path),
        };
    }

    /// <summary>The offset of the first hole at or after <paramref name="offset"/> (SEEK_HOLE; the end counts as one).</summary>
    internal long NextHole(long offset)
    {
        var result = lseek(buffered, offset, SEEK_HOLE);
        if (result >= 0)
        {
            return result;
        }

        return Marshal.GetLastPInvokeError() switch
        {
            ENXIO or EINVAL or EOPNOTSUPP => Length,
            var errno => throw CopyErrors.ForErrno(errno, $"Finding holes (SEEK_HOLE) at offset {offset} in", Path),
        };
    }

    internal void SetLength(long length)
    {
        if (ftruncate(buffered, length) != 0)
        {
            throw CopyErrors.LastError($"Setting the size to {length} bytes of", Path);
        }

        Volatile.Write(ref size, length);
    }

    /// <summary>Makes everything written so far durable (fdatasync).</summary>
    internal void Flush()
    {
        if (fdatasync(buffered) != 0)
        {
            throw CopyErrors.LastError("Flushing (fdatasync)", Path);
        }
    }

    /// <summary>Drops the file's clean cached pages, so that a buffered re-read comes from the device, not memory.</summary>
    internal void DropCache() => _ = posix_fadvise(buffered, 0, 0, POSIX_FADV_DONTNEED);

    public void Dispose()
    {
        direct?.Dispose();
        buffered.Dispose();
    }

    private static bool IsAligned(long value) => value % DirectAlignment == 0;

    private static int RoundUp(int length) => (length + DirectAlignment - 1) / DirectAlignment * DirectAlignment;

    private long Seek(long offset, int whence)
    {
        var result = lseek(buffered, offset, whence);
        return result >= 0 ? result : throw CopyErrors.LastError("Seeking in", Path);
    }

    /// <summary>
    /// Reads until <paramref name="destination"/> is full or the file ends; returns the bytes read. Direct reads stop
    /// at the first short read: it means the end, and a retry would be unaligned.
    /// </summary>
    internal static int ReadFully(SafeFileDescriptorHandle fd, string path, long offset, Span<byte> destination, bool stopAtShortRead)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = pread(fd, destination[total..], (nuint)(destination.Length - total), offset + total);
            if (read < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR)
                {
                    continue;
                }

                throw CopyErrors.LastError($"Reading {destination.Length} bytes at offset {offset} of", path);
            }

            total += (int)read;
            if (read == 0 || (stopAtShortRead && total < destination.Length))
            {
                break;
            }
        }

        return total;
    }
}
