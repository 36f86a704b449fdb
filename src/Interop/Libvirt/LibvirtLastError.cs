using System.Runtime.InteropServices;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>
/// libvirt's last error of the calling thread, copied out. libvirt keeps it per thread and the next libvirt call on
/// the thread may overwrite it, so <see cref="Take"/> must run right after the failing call, before any other
/// libvirt call or <c>await</c>.
/// </summary>
/// <param name="Code">The <c>virErrorNumber</c>; 0 when libvirt recorded no error.</param>
/// <param name="Domain">The <c>virErrorDomain</c> (which part of libvirt raised it).</param>
/// <param name="Message">libvirt's own message.</param>
internal readonly record struct LibvirtLastError(int Code, int Domain, string? Message)
{
    /// <summary>Copies the thread's last error and clears it.</summary>
    internal static LibvirtLastError Take()
    {
        var error = default(virError);
        _ = virCopyLastError(ref error);
        try
        {
            return new LibvirtLastError(error.code, error.domain, Marshal.PtrToStringUTF8(error.message));
        }
        finally
        {
            virResetError(ref error);
            virResetLastError();
        }
    }
}
