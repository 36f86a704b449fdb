using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>
/// Replaces libvirt's default error handler, which prints every error to stderr, with one that does nothing: errors
/// are read with <see cref="LibvirtLastError.Take"/> and reported as exceptions instead.
/// </summary>
internal static class LibvirtErrorSilencer
{
    internal static unsafe void Install() => virSetErrorFunc(IntPtr.Zero, &Ignore);

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static unsafe void Ignore(IntPtr userData, virError* error)
    {
    }
}
