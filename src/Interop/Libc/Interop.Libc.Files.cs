using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>File descriptors: open, positioned I/O, seeking over holes, durability (fcntl.h, unistd.h).</summary>
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0x0;
        internal const int O_WRONLY = 0x1;
        internal const int O_RDWR = 0x2;
        internal const int O_CREAT = 0x40;
        internal const int O_EXCL = 0x80;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_DIRECT = 0x4000;
        internal const int O_NOFOLLOW = 0x20000;
        internal const int O_CLOEXEC = 0x80000;

        internal const int SEEK_SET = 0;
        internal const int SEEK_END = 2;
        internal const int SEEK_DATA = 3;
        internal const int SEEK_HOLE = 4;

        internal const int POSIX_FADV_SEQUENTIAL = 2;
        internal const int POSIX_FADV_DONTNEED = 4;

        /// <summary>Returns the C int (wrap it in <see cref="SafeFileDescriptorHandle"/>): a SafeHandle return would read 64 bits.</summary>
        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int open(string pathname, int flags, uint mode);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(int fd);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint pread(SafeFileDescriptorHandle fd, Span<byte> buf, nuint count, long offset);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial nint pwrite(SafeFileDescriptorHandle fd, ReadOnlySpan<byte> buf, nuint count, long offset);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial long lseek(SafeFileDescriptorHandle fd, long offset, int whence);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int ftruncate(SafeFileDescriptorHandle fd, long length);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fdatasync(SafeFileDescriptorHandle fd);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fchmod(SafeFileDescriptorHandle fd, uint mode);

        /// <summary>Returns the error number itself (0 on success); it does not set errno.</summary>
        [LibraryImport(Libraries.Libc)]
        internal static partial int posix_fadvise(SafeFileDescriptorHandle fd, long offset, long len, int advice);
    }
}
