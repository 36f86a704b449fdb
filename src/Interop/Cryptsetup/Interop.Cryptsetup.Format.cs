using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_format(
            SafeCryptDeviceHandle cd, string type, string cipher, string cipherMode, string? uuid,
            IntPtr volumeKey, nuint volumeKeySize, IntPtr parameters);
    }
}
