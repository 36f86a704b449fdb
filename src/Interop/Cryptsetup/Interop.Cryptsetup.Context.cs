using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        internal const int CRYPT_DEBUG_ALL = -1;
        internal const int CRYPT_DEBUG_NONE = 0;
        internal const string CRYPT_PLAIN = "PLAIN";
        internal const string CRYPT_LUKS1 = "LUKS1";
        internal const string CRYPT_LUKS2 = "LUKS2";

        internal const int CRYPT_LOG_NORMAL = 0;
        internal const int CRYPT_LOG_ERROR = 1;
        internal const int CRYPT_LOG_VERBOSE = 2;
        internal const int CRYPT_LOG_DEBUG = -1;
        internal const int CRYPT_LOG_DEBUG_JSON = -2;

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_init(out SafeCryptDeviceHandle cd, string? device);

        /// <summary>A context for an active mapping, found by its device-mapper name.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_init_by_name(out SafeCryptDeviceHandle cd, string name);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial void crypt_free(IntPtr cd);

        /// <summary><paramref name="requestedType"/> null (CRYPT_LUKS) loads LUKS1 or LUKS2, whichever is there.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_load(SafeCryptDeviceHandle cd, string? requestedType, IntPtr parameters);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial void crypt_set_debug_level(int level);

        /// <summary>With <paramref name="cd"/> = 0, sets the default callback used by every context without its own.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static unsafe partial void crypt_set_log_callback(
            IntPtr cd, delegate* unmanaged<int, byte*, IntPtr, void> log, IntPtr usrptr);
    }
}
