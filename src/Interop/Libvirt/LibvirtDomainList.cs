using System.Runtime.InteropServices;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>Wraps <c>virConnectListAllDomains</c>: every returned domain becomes a <see cref="SafeDomainHandle"/>.</summary>
internal static class LibvirtDomainList
{
    /// <summary>Returns null on failure, leaving libvirt's error for <see cref="LibvirtLastError.Take"/>.</summary>
    internal static unsafe SafeDomainHandle[]? ListAll(SafeConnectHandle connection, uint flags)
    {
        IntPtr* domains = null;
        var count = virConnectListAllDomains(connection, &domains, flags);
        if (count < 0)
        {
            return null;
        }

        try
        {
            var handles = new SafeDomainHandle[count];
            for (var i = 0; i < count; i++)
            {
                handles[i] = new SafeDomainHandle();
                Marshal.InitHandle(handles[i], domains[i]);
            }

            return handles;
        }
        finally
        {
            NativeMemory.Free(domains);
        }
    }
}
