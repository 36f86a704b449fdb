using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        // virErrorNumber values the mapping table in Core needs.
        internal const int VIR_ERR_OK = 0;
        internal const int VIR_ERR_NO_SUPPORT = 3;
        internal const int VIR_ERR_NO_CONNECT = 5;
        internal const int VIR_ERR_INVALID_ARG = 8;
        internal const int VIR_ERR_INVALID_CONN = 6;
        internal const int VIR_ERR_DOM_EXIST = 28;
        internal const int VIR_ERR_OPERATION_DENIED = 29;
        internal const int VIR_ERR_SYSTEM_ERROR = 38;
        internal const int VIR_ERR_RPC = 39;
        internal const int VIR_ERR_NO_DOMAIN = 42;
        internal const int VIR_ERR_AUTH_FAILED = 45;
        internal const int VIR_ERR_NO_STORAGE_VOL = 50;
        internal const int VIR_ERR_OPERATION_INVALID = 55;
        internal const int VIR_ERR_CONFIG_UNSUPPORTED = 67;
        internal const int VIR_ERR_AUTH_CANCELLED = 79;
        internal const int VIR_ERR_OPERATION_UNSUPPORTED = 84;
        internal const int VIR_ERR_RESOURCE_BUSY = 87;
        internal const int VIR_ERR_ACCESS_DENIED = 88;
        internal const int VIR_ERR_AUTH_UNAVAILABLE = 94;

        // virErrorDomain values that tell a lost connection from a local system error.
        internal const int VIR_FROM_RPC = 7;
        internal const int VIR_FROM_REMOTE = 13;

        /// <summary>C <c>virError</c>. The deprecated conn/dom/net pointers are kept for the layout only.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct virError
        {
            internal int code;
            internal int domain;
            internal IntPtr message;
            internal int level;
            internal IntPtr conn;
            internal IntPtr dom;
            internal IntPtr str1;
            internal IntPtr str2;
            internal IntPtr str3;
            internal int int1;
            internal int int2;
            internal IntPtr net;
        }

        /// <summary>Copies this thread's last error into <paramref name="to"/> (free its strings with virResetError); returns the code, 0 if none.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static partial int virCopyLastError(ref virError to);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial void virResetError(ref virError err);

        [LibraryImport(Libraries.Libvirt)]
        internal static partial void virResetLastError();

        /// <summary>The process-wide handler; with none, libvirt prints every error to stderr.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static unsafe partial void virSetErrorFunc(IntPtr userData, delegate* unmanaged<IntPtr, virError*, void> handler);
    }
}
