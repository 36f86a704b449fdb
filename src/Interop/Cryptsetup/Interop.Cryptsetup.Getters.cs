using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>Getters of a loaded context. Strings belong to the context: copy them, never free them.</summary>
    internal static partial class Cryptsetup
    {
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_uuid(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_type(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_cipher(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_cipher_mode(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_get_volume_key_size(SafeCryptDeviceHandle cd);

        /// <summary>In 512-byte sectors.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial ulong crypt_get_data_offset(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_get_sector_size(SafeCryptDeviceHandle cd);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_device_name(SafeCryptDeviceHandle cd);

        /// <summary>LUKS2 only; an empty string when no label is set.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_label(SafeCryptDeviceHandle cd);

        /// <summary>The context's PBKDF settings (what the next keyslot would use), not a keyslot's.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial IntPtr crypt_get_pbkdf_type(SafeCryptDeviceHandle cd);

        /// <summary>The compiled-in PBKDF defaults for a LUKS type.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr crypt_get_pbkdf_default(string type);

        /// <summary>LUKS2 only: the header's JSON metadata, owned by the context.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_dump_json(SafeCryptDeviceHandle cd, out IntPtr json, uint flags);
    }
}
