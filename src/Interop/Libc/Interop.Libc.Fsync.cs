using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_DIRECTORY = 0x10000;

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fsync(SafeFileDescriptorHandle fd);
    }
}
