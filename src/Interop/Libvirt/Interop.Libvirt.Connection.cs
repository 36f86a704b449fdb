using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virGetVersion(out CULong libVer, string? type, out CULong typeVer);

        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial SafeConnectHandle virConnectOpen(string? name);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectClose(IntPtr conn);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectGetLibVersion(SafeConnectHandle conn, out CULong libVer);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virConnectGetVersion(SafeConnectHandle conn, out CULong hvVer);
    }
}
