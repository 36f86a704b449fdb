using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>Looks for a LUKS header on a device or file that may hold none.</summary>
internal static class LuksHeaders
{
    /// <summary>What the LUKS header at <paramref name="path"/> says, or null when libcryptsetup finds none there.</summary>
    internal static LuksInfo? At(string path, ILogger<LuksVolume>? logger = null)
    {
        try
        {
            using var volume = LuksVolume.Load(path, logger);
            return volume.GetInfo();
        }
        catch (CryptsetupException)
        {
            return null;
        }
    }
}
