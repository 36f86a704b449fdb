using System.Runtime.InteropServices;
using System.Text;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>What every domain event callback needs: the domain's identity, and the release of its managed sink.</summary>
internal static class LibvirtCallbackSupport
{
    /// <summary>The name and UUID of a domain libvirt passed to a callback (libvirt owns the reference).</summary>
    internal static (string Name, string Uuid) Identify(IntPtr domain)
    {
        Span<byte> uuid = stackalloc byte[VIR_UUID_STRING_BUFLEN];
        var uuidText = virDomainGetUUIDString(domain, uuid) == 0 ? Encoding.ASCII.GetString(uuid[..^1]) : "";
        return (Marshal.PtrToStringUTF8(virDomainGetName(domain)) ?? "", uuidText);
    }

    /// <summary>The <c>freecb</c> of a registration: frees the <see cref="GCHandle"/> of the sink once libvirt drops it.</summary>
    [UnmanagedCallersOnly]
    internal static void FreeOpaque(IntPtr opaque) => GCHandle.FromIntPtr(opaque).Free();
}
