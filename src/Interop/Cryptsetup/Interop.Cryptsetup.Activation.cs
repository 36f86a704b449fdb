using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>Activation needs device-mapper; with a null name the calls only verify the key (no device-mapper).</summary>
    internal static partial class Cryptsetup
    {
        internal const uint CRYPT_ACTIVATE_READONLY = 1u << 0;
        internal const uint CRYPT_ACTIVATE_ALLOW_DISCARDS = 1u << 3;

        /// <summary>crypt_status_info.</summary>
        internal const int CRYPT_INVALID = 0;
        internal const int CRYPT_INACTIVE = 1;
        internal const int CRYPT_ACTIVE = 2;
        internal const int CRYPT_BUSY = 3;

        /// <summary>Returns the keyslot that opened, or a negative errno.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_activate_by_passphrase(
            SafeCryptDeviceHandle cd, string? name, int keyslot, ReadOnlySpan<byte> passphrase, nuint passphraseSize,
            uint flags);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_activate_by_keyfile_device_offset(
            SafeCryptDeviceHandle cd, string? name, int keyslot, string keyfile, nuint keyfileSize, ulong keyfileOffset,
            uint flags);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_deactivate_by_name(SafeCryptDeviceHandle cd, string name, uint flags);

        /// <summary>Returns a crypt_status_info value; <paramref name="cd"/> may be 0 (no context).</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_status(IntPtr cd, string name);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_get_active_device(SafeCryptDeviceHandle cd, string name, out crypt_active_device cad);
    }
}
