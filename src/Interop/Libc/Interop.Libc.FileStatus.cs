using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// The file-type bits of a mode (sys/stat.h; statx reports them, Interop.Libc.Statx.cs), and opening without
    /// blocking on a FIFO (fcntl.h): a path handed in is opened with O_NONBLOCK, checked, and only then read.
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

        /// <summary>Declared without the C variadic for the int-argument commands (F_GETFL, F_SETFL).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fcntl(SafeFileDescriptorHandle fd, int cmd, int arg);
    }
}
