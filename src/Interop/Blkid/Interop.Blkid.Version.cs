using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Blkid
    {
        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_get_library_version(out IntPtr verString, out IntPtr dateString);
    }
}
