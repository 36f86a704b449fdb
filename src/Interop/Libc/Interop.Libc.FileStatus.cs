using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// What kind of file a descriptor refers to (sys/stat.h), and opening without blocking on a FIFO (fcntl.h): a
    /// path handed in is opened with O_NONBLOCK, checked with fstat, and only then read.
    /// </summary>
    internal static partial class Libc
    {
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;

        internal const uint S_IFMT = 0xF000;
        internal const uint S_IFSOCK = 0xC000;
        internal const uint S_IFLNK = 0xA000;
        internal const uint S_IFREG = 0x8000;
        internal const uint S_IFBLK = 0x6000;
        internal const uint S_IFDIR = 0x4000;
        internal const uint S_IFCHR = 0x2000;
        internal const uint S_IFIFO = 0x1000;

        /// <summary>glibc's x86-64 <c>struct stat64</c> (the same layout as <c>struct stat</c>), field for field (checked by native-stubs/abi/libc.c).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct stat64
        {
            internal ulong st_dev;
            internal ulong st_ino;
            internal ulong st_nlink;
            internal uint st_mode;
            internal uint st_uid;
            internal uint st_gid;
            internal int pad0;
            internal ulong st_rdev;
            internal long st_size;
            internal long st_blksize;
            internal long st_blocks;
            internal long st_atime;
            internal long st_atime_nsec;
            internal long st_mtime;
            internal long st_mtime_nsec;
            internal long st_ctime;
            internal long st_ctime_nsec;
            internal long reserved0;
            internal long reserved1;
            internal long reserved2;
        }

        /// <summary>A real symbol since glibc 2.33 (Debian 12 has 2.36).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fstat64(SafeFileDescriptorHandle fd, out stat64 buf);

        /// <summary>Declared without the C variadic for the int-argument commands (F_GETFL, F_SETFL).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fcntl(SafeFileDescriptorHandle fd, int cmd, int arg);
    }
}
