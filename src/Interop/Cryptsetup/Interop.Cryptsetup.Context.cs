using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        internal const int CRYPT_DEBUG_ALL = -1;
        internal const int CRYPT_DEBUG_NONE = 0;
        internal const string CRYPT_PLAIN = "PLAIN";

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_init(out SafeCryptDeviceHandle cd, string? device);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial void crypt_free(IntPtr cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial void crypt_set_debug_level(int level);

        /// <summary>With <paramref name="cd"/> = 0, sets the default callback used by every context without its own.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static unsafe partial void crypt_set_log_callback(
            IntPtr cd, delegate* unmanaged<int, byte*, IntPtr, void> log, IntPtr usrptr);
    }
}
