using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>File status through statx(2) (linux/stat.h), whose struct has the same layout on every architecture.</summary>
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const int AT_EMPTY_PATH = 0x1000;

        internal const uint STATX_BASIC_STATS = 0x7ff;

        internal const uint S_IFMT = 0xf000;
        internal const uint S_IFREG = 0x8000;
        internal const uint S_IFDIR = 0x4000;
        internal const uint S_IFLNK = 0xa000;

        /// <summary>Path-based: <paramref name="flags"/> with <see cref="AT_SYMLINK_NOFOLLOW"/> describes a link itself.</summary>
        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(int dirfd, string pathname, int flags, uint mask, out statx_buffer buffer);

        /// <summary>Descriptor-based: an empty path with <see cref="AT_EMPTY_PATH"/> describes <paramref name="fd"/>.</summary>
        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int statx(SafeFileDescriptorHandle fd, string pathname, int flags, uint mask, out statx_buffer buffer);

        [LibraryImport(Libraries.Libc)]
        internal static partial uint geteuid();

        /// <summary>struct statx: the fields VirtCrypt reads, at their offsets, padded to the full 256 bytes.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        internal struct statx_buffer
        {
            [FieldOffset(0)]
            public uint stx_mask;

            [FieldOffset(16)]
            public uint stx_nlink;

            [FieldOffset(20)]
            public uint stx_uid;

            [FieldOffset(28)]
            public ushort stx_mode;

            [FieldOffset(40)]
            public ulong stx_size;
        }
    }
}
