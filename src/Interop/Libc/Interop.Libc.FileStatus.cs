using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// What a path is, without following a symbolic link (statx(2), linux/stat.h), and the calls that write a file
    /// in place of another one safely: open without following links, change the owner (fcntl.h, unistd.h).
    /// </summary>
    internal static partial class Libc
    {
        internal const int O_NONBLOCK = 0x800;
        internal const int O_NOFOLLOW = 0x20000;

        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const int AT_EMPTY_PATH = 0x1000;

        /// <summary>STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_INO.</summary>
        internal const uint STATX_TYPE_MODE_OWNER_INO = 0x1 | 0x2 | 0x8 | 0x10 | 0x100;

        internal const int S_IFMT = 0xF000;
        internal const int S_IFSOCK = 0xC000;
        internal const int S_IFLNK = 0xA000;
        internal const int S_IFREG = 0x8000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFDIR = 0x4000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFIFO = 0x1000;

        internal const int ENOTDIR = 20;
        internal const int ELOOP = 40;

        /// <summary>struct statx: the same layout on every architecture; only the fields VirtCrypt reads are declared.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        internal struct Statx
        {
            [FieldOffset(0)]
            public uint stx_mask;

            [FieldOffset(20)]
            public uint stx_uid;

            [FieldOffset(24)]
            public uint stx_gid;

            [FieldOffset(28)]
            public ushort stx_mode;

            [FieldOffset(32)]
            public ulong stx_ino;

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

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fchown(SafeFileHandle fd, uint owner, uint group);
    }
}
