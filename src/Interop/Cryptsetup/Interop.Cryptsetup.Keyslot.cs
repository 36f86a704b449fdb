using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>Keyslots. Passphrases travel as pinned bytes plus a length, never as strings.</summary>
    internal static partial class Cryptsetup
    {
        internal const int CRYPT_ANY_SLOT = -1;

        /// <summary>crypt_keyslot_info.</summary>
        internal const int CRYPT_SLOT_INVALID = 0;
        internal const int CRYPT_SLOT_INACTIVE = 1;
        internal const int CRYPT_SLOT_ACTIVE = 2;
        internal const int CRYPT_SLOT_ACTIVE_LAST = 3;
        internal const int CRYPT_SLOT_UNBOUND = 4;

        /// <summary>With a null volume key, uses the key that <c>crypt_format</c> just generated.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_keyslot_add_by_volume_key(
            SafeCryptDeviceHandle cd, int keyslot, IntPtr volumeKey, nuint volumeKeySize,
            ReadOnlySpan<byte> passphrase, nuint passphraseSize);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_keyslot_add_by_passphrase(
            SafeCryptDeviceHandle cd, int keyslot, ReadOnlySpan<byte> passphrase, nuint passphraseSize,
            ReadOnlySpan<byte> newPassphrase, nuint newPassphraseSize);

        /// <summary>A size of 0 reads each keyfile to its end.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_keyslot_add_by_keyfile_device_offset(
            SafeCryptDeviceHandle cd, int keyslot, string keyfile, nuint keyfileSize, ulong keyfileOffset,
            string newKeyfile, nuint newKeyfileSize, ulong newKeyfileOffset);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_keyslot_destroy(SafeCryptDeviceHandle cd, int keyslot);

        /// <summary>Returns a crypt_keyslot_info value.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_keyslot_status(SafeCryptDeviceHandle cd, int keyslot);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_keyslot_max(string type);

        /// <summary>The keyslot's stored PBKDF; its strings belong to the context.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_keyslot_get_pbkdf(SafeCryptDeviceHandle cd, int keyslot, out crypt_pbkdf_type pbkdf);
    }
}
