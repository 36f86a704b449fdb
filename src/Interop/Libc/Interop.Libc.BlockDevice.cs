using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>Block device ioctls (linux/fs.h).</summary>
    internal static partial class Libc
    {
        /// <summary>_IOR(0x12, 114, size_t): the device size in bytes, as a u64.</summary>
        internal const uint BLKGETSIZE64 = 0x80081272;

        /// <summary>_IO(0x12, 127): zero a byte range given as u64 { start, length }, both 512-byte aligned.</summary>
        internal const uint BLKZEROOUT = 0x127F;

        /// <summary>Declared without the C variadic: on x86-64 a pointer third argument is passed the same way.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int ioctl(SafeFileDescriptorHandle fd, nuint request, out ulong value);

        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int ioctl(SafeFileDescriptorHandle fd, nuint request, ReadOnlySpan<ulong> range);
    }
}
