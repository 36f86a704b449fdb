using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// What a path is, without following a symbolic link (statx(2), linux/stat.h), and the calls that write a file
    /// in place of another one safely: open without following links, change the owner (fcntl.h, unistd.h). The file
    /// type bits (S_IF*) are in Interop.Libc.FileStatus.cs.
    /// </summary>
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const int AT_EMPTY_PATH = 0x1000;

        internal const uint STATX_TYPE = 0x1;
        internal const uint STATX_MODE = 0x2;
        internal const uint STATX_UID = 0x8;
        internal const uint STATX_GID = 0x10;
        internal const uint STATX_INO = 0x100;
        internal const uint STATX_BASIC_STATS = 0x7ff;

        /// <summary>struct statx: the same layout on every architecture; only the fields VirtCrypt reads are declared.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        internal struct Statx
        {
            [FieldOffset(0)]
            public uint stx_mask;

            [FieldOffset(16)]
            public uint stx_nlink;

            [FieldOffset(20)]
            public uint stx_uid;

            [FieldOffset(24)]
            public uint stx_gid;

            [FieldOffset(28)]
            public ushort stx_mode;

            [FieldOffset(32)]
            public ulong stx_ino;

            [FieldOffset(40)]
            public ulong stx_size;

            [FieldOffset(136)]
            public uint stx_dev_major;

            [FieldOffset(140)]
            public uint stx_dev_minor;
        }

        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(int dirfd, string pathname, int flags, uint mask, out Statx statxbuf);

        /// <summary>statx of an open file: <paramref name="pathname"/> empty and <see cref="AT_EMPTY_PATH"/>.</summary>
        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(SafeFileHandle dirfd, string pathname, int flags, uint mask, out Statx statxbuf);

        /// <summary>statx of a descriptor VirtCrypt opened itself: <paramref name="pathname"/> empty and <see cref="AT_EMPTY_PATH"/>.</summary>
        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(SafeFileDescriptorHandle dirfd, string pathname, int flags, uint mask, out Statx statxbuf);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fchown(SafeFileDescriptorHandle fd, uint owner, uint group);

        [LibraryImport(Libraries.Libc)]
        internal static partial uint geteuid();
    }
}
