using System.Text.RegularExpressions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

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
        CryptsetupProxy.StartBackendLoggingDebug();

        version = lines.Select(line => VersionPattern().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
    }

    [GeneratedRegex(@"cryptsetup library version (\S+?)\.?\s*$")]
    private static partial Regex VersionPattern();
}
