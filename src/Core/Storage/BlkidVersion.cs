using System.Runtime.InteropServices;
using VirtCrypt.Diagnostics;
using VirtCrypt.Interop;

namespace VirtCrypt.Storage;

/// <summary>libblkid's version string.</summary>
internal static class BlkidVersion
{
    internal static string OfLibrary()
    {
        NativeLibraries.Require(NativeLibraryInfo.Blkid);
        Interop.Interop.Blkid.blkid_get_library_version(out var version, out _);
        return Marshal.PtrToStringUTF8(version) ?? "unknown";
    }
}
