using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const uint VIR_CONNECT_RO = 1 << 0;

        internal const uint VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0;
        internal const uint VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1;

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virInitialize();

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virGetVersion(out CULong libVer, string? type, out CULong typeVer);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeConnectHandle virConnectOpen(string? name);

        /// <summary>With <paramref name="auth"/> = 0 no credentials are asked for; <see cref="VIR_CONNECT_RO"/> opens read-only.</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeConnectHandle virConnectOpenAuth(string? name, IntPtr auth, uint flags);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectClose(IntPtr conn);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectGetLibVersion(SafeConnectHandle conn, out CULong libVer);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectGetVersion(SafeConnectHandle conn, out CULong hvVer);

        /// <summary>The returned string is the caller's; the UTF-8 marshaller frees it with free() (CoTaskMem on Unix).</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial string? virConnectGetURI(SafeConnectHandle conn);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectSetKeepAlive(SafeConnectHandle conn, int interval, uint count);

        /// <summary>Fills <paramref name="domains"/> with an array the caller frees with free(), each element with virDomainFree.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static unsafe partial int virConnectListAllDomains(SafeConnectHandle conn, IntPtr** domains, uint flags);
    }
}
