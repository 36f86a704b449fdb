using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>What this libcryptsetup and kernel can do, asked without a device.</summary>
    internal static partial class Cryptsetup
    {
        /// <summary>
        /// Encrypts and decrypts <paramref name="bufferSize"/> bytes in memory for about a second each through the
        /// kernel's crypto API (AF_ALG), the implementations dm-crypt uses. <paramref name="cipherMode"/> is the mode
        /// without its IV generator ("xts", not "xts-plain64"); <paramref name="cd"/> may be zero. Returns 0, -ENOENT
        /// (the kernel has no such cipher or mode), -EINVAL (it refuses the key size), -ENOTSUP (no AF_ALG here) or
        /// -ERANGE (too fast to measure: the cipher works).
        /// </summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_benchmark(
            IntPtr cd, string cipher, string cipherMode, nuint volumeKeySize, nuint ivSize, nuint bufferSize,
            out double encryptionMiBs, out double decryptionMiBs);
    }
}
