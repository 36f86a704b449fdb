using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>Advisory whole-file locks (sys/file.h); released when the descriptor is closed.</summary>
    internal static partial class Libc
    {
        internal const int LOCK_EX = 2;
        internal const int LOCK_NB = 4;

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int flock(SafeFileDescriptorHandle fd, int operation);
    }
}
