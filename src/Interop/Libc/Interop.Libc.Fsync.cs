using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0;
        internal const int O_DIRECTORY = 0x10000;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeFileDescriptorHandle OpenDescriptor(string path, int flags);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int fsync(SafeFileDescriptorHandle fd);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        internal static partial int close(IntPtr fd);
    }
}
