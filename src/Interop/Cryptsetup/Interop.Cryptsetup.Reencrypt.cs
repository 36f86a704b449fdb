using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>LUKS2 reencryption (libcryptsetup.h, group crypt-reencryption): used to encrypt a device where it stands.</summary>
    internal static partial class Cryptsetup
    {
        internal const uint CRYPT_REENCRYPT_INITIALIZE_ONLY = 1u << 0;
        internal const uint CRYPT_REENCRYPT_MOVE_FIRST_SEGMENT = 1u << 1;
        internal const uint CRYPT_REENCRYPT_RESUME_ONLY = 1u << 2;

        /// <summary>crypt_reencrypt_direction_info.</summary>
        internal const int CRYPT_REENCRYPT_FORWARD = 0;
        internal const int CRYPT_REENCRYPT_BACKWARD = 1;

        /// <summary>crypt_reencrypt_mode_info.</summary>
        internal const int CRYPT_REENCRYPT_REENCRYPT = 0;
        internal const int CRYPT_REENCRYPT_ENCRYPT = 1;
        internal const int CRYPT_REENCRYPT_DECRYPT = 2;

        /// <summary>crypt_reencrypt_info, what <c>crypt_reencrypt_status</c> returns.</summary>
        internal const int CRYPT_REENCRYPT_NONE = 0;
        internal const int CRYPT_REENCRYPT_CLEAN = 1;
        internal const int CRYPT_REENCRYPT_CRASH = 2;
        internal const int CRYPT_REENCRYPT_INVALID = 3;

        /// <summary>The data offset and area sizes of a LUKS2 header written to a file while its device keeps its data.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_init_data_device(out SafeCryptDeviceHandle cd, string device, string dataDevice);

        /// <summary>Returns the reencryption keyslot, or <c>-errno</c>; <paramref name="name"/> null for offline reencryption.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_reencrypt_init_by_passphrase(
            SafeCryptDeviceHandle cd, string? name, ReadOnlySpan<byte> passphrase, nuint passphraseSize, int keyslotOld, int keyslotNew,
            string? cipher, string? cipherMode, in crypt_params_reencrypt parameters);

        /// <summary>The callback gets the size and the offset reached (bytes) and the user pointer; a non-zero return interrupts.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static unsafe partial int crypt_reencrypt_run(
            SafeCryptDeviceHandle cd, delegate* unmanaged<ulong, ulong, IntPtr, int> progress, IntPtr usrptr);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_reencrypt_status(SafeCryptDeviceHandle cd, IntPtr parameters);

        /// <summary>Fills <paramref name="parameters"/> with the recorded reencryption's; its strings belong to the context.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_reencrypt_status(SafeCryptDeviceHandle cd, ref crypt_params_reencrypt parameters);

        [StructLayout(LayoutKind.Sequential)]
        internal struct crypt_params_reencrypt
        {
            internal int mode;
            internal int direction;
            internal IntPtr resilience;
            internal IntPtr hash;
            internal ulong data_shift;
            internal ulong max_hotzone_size;
            internal ulong device_size;
            internal IntPtr luks2;
            internal uint flags;
        }
    }
}
