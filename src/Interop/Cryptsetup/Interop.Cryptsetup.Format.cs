using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        internal const uint CRYPT_PBKDF_NO_BENCHMARK = 1u << 1;
        internal const string CRYPT_KDF_PBKDF2 = "pbkdf2";
        internal const string CRYPT_KDF_ARGON2I = "argon2i";
        internal const string CRYPT_KDF_ARGON2ID = "argon2id";

        /// <summary>dlsym resolves the default version, CRYPTSETUP_2.4.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_format(
            SafeCryptDeviceHandle cd, string type, string cipher, string cipherMode, string? uuid,
            IntPtr volumeKey, nuint volumeKeySize, IntPtr parameters);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_format(
            SafeCryptDeviceHandle cd, string type, string cipher, string cipherMode, string? uuid,
            IntPtr volumeKey, nuint volumeKeySize, in crypt_params_luks1 parameters);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_format(
            SafeCryptDeviceHandle cd, string type, string cipher, string cipherMode, string? uuid,
            IntPtr volumeKey, nuint volumeKeySize, in crypt_params_luks2 parameters);

        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_set_pbkdf_type(SafeCryptDeviceHandle cd, in crypt_pbkdf_type pbkdf);

        /// <summary>In 512-byte sectors, a multiple of 8 (4096 bytes); set before <c>crypt_format</c>.</summary>
        [LibraryImport(Libraries.Cryptsetup)]
        internal static partial int crypt_set_data_offset(SafeCryptDeviceHandle cd, ulong dataOffset);
    }
}
