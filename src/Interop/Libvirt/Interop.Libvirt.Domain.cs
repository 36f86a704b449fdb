using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_UUID_STRING_BUFLEN = 37;

        internal const uint VIR_DOMAIN_XML_SECURE = 1 << 0;
        internal const uint VIR_DOMAIN_XML_INACTIVE = 1 << 1;

        internal const uint VIR_DOMAIN_DEFINE_VALIDATE = 1 << 0;

        internal const uint VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1 << 0;
        internal const uint VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 1 << 1;
        internal const uint VIR_DOMAIN_UNDEFINE_NVRAM = 1 << 2;
        internal const uint VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = 1 << 3;
        internal const uint VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4;

        internal const uint VIR_DOMAIN_SHUTDOWN_DEFAULT = 0;

        /// <summary>C <c>virDomainInfo</c>; <c>unsigned long</c> is 64-bit on Linux x86-64, hence <see cref="CULong"/>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainInfo
        {
            internal byte state;
            internal CULong maxMem;
            internal CULong memory;
            internal ushort nrVirtCpu;
            internal ulong cpuTime;
        }

        /// <summary>C <c>virDomainBlockInfo</c>, all in bytes.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainBlockInfo
        {
            internal ulong capacity;
            internal ulong allocation;
            internal ulong physical;
        }

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainFree(IntPtr domain);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeDomainHandle virDomainLookupByName(SafeConnectHandle conn, string name);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeDomainHandle virDomainLookupByUUIDString(SafeConnectHandle conn, string uuid);

        /// <summary>Returns a string owned by the domain object: copy it, never free it.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial IntPtr virDomainGetName(SafeDomainHandle domain);

        /// <summary>Writes the UUID, NUL-terminated, into a buffer of <see cref="VIR_UUID_STRING_BUFLEN"/> bytes.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetUUIDString(SafeDomainHandle domain, Span<byte> buf);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetState(SafeDomainHandle domain, out int state, out int reason, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetInfo(SafeDomainHandle domain, out virDomainInfo info);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetID(SafeDomainHandle domain);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainIsPersistent(SafeDomainHandle domain);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainIsActive(SafeDomainHandle domain);

        /// <summary>The returned XML is the caller's; the UTF-8 marshaller frees it with free() (CoTaskMem on Unix).</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial string? virDomainGetXMLDesc(SafeDomainHandle domain, uint flags);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeDomainHandle virDomainDefineXMLFlags(SafeConnectHandle conn, string xml, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainUndefineFlags(SafeDomainHandle domain, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainCreate(SafeDomainHandle domain);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainShutdownFlags(SafeDomainHandle domain, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainDestroy(SafeDomainHandle domain);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainGetBlockInfo(SafeDomainHandle domain, string disk, out virDomainBlockInfo info, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainSetAutostart(SafeDomainHandle domain, int autostart);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virDomainGetAutostart(SafeDomainHandle domain, out int autostart);
    }
}
