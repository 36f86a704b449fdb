using System.Text.RegularExpressions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// libcryptsetup has no version call; its crypto backend logs "... initialized in cryptsetup library version X" at
/// debug level, once per process. A PLAIN format on a context without a device initializes the backend and touches no
/// device; the answer is kept, since the line never comes again.
/// </summary>
internal static partial class CryptsetupVersion
{
    private static string? version;

    internal static string OfLibrary()
    {
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        lock (CryptsetupGate.Lock)
        {
            return version ??= Query();
        }
    }

    private static string Query()
    {
        var lines = new List<string>();
        using var log = CryptsetupLog.Begin((_, line) => lines.Add(line));
        crypt_set_debug_level(CRYPT_DEBUG_ALL);
        try
        {
            if (crypt_init(out var cd, null) < 0)
            {
                throw new VirtCryptException("libcryptsetup could not allocate a context (crypt_init failed).");
            }

            using (cd)
            {
                crypt_format(cd, CRYPT_PLAIN, "aes", "cbc-essiv:sha256", null, IntPtr.Zero, 32, IntPtr.Zero);
            }
        }
        finally
        {
            crypt_set_debug_level(CRYPT_DEBUG_NONE);
        }

        var match = lines.Select(line => VersionPattern().Match(line)).FirstOrDefault(m => m.Success);
        return match?.Groups[1].Value ?? throw new VirtCryptException(
            "libcryptsetup did not report its version: it logs it only at its first crypto use in a process.");
    }

    [GeneratedRegex(@"cryptsetup library version (\S+?)\.?\s*$")]
    private static partial Regex VersionPattern();
}
