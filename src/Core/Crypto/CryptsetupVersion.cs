using System.Text.RegularExpressions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// libcryptsetup has no version call; its crypto backend logs "... initialized in cryptsetup library version X" at
/// debug level, once per process, when it starts. So the first use of the library in the process must be this
/// capture (<see cref="CryptsetupCall"/> makes sure of it): a PLAIN format on a context without a device starts the
/// backend and touches no device.
/// </summary>
internal static partial class CryptsetupVersion
{
    private static bool captured;
    private static string? version;

    internal static string OfLibrary()
    {
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        lock (CryptsetupGate.Lock)
        {
            EnsureCaptured();
            return version ?? throw new VirtCryptException("libcryptsetup did not report its version in its debug log.");
        }
    }

    /// <summary>Captures the version unless already done; call with <see cref="CryptsetupGate.Lock"/> held.</summary>
    internal static void EnsureCaptured()
    {
        if (captured)
        {
            return;
        }

        captured = true;
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

        version = lines.Select(line => VersionPattern().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
    }

    [GeneratedRegex(@"cryptsetup library version (\S+?)\.?\s*$")]
    private static partial Regex VersionPattern();
}
