using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Diagnostics;

/// <summary>Loads a native library before first use, turning a missing one into a typed, actionable error.</summary>
internal static class NativeLibraries
{
    internal static void Require(NativeLibraryInfo library)
    {
        if (!NativeLibraryResolver.TryLoad(library, out var error))
        {
            throw new NativeLibraryNotFoundException(library.Soname, library.DebianPackage, error!);
        }
    }
}
