namespace VirtCrypt.Crypto;

/// <summary>
/// Serializes every libcryptsetup call: libcryptsetup's global state (debug level, default log callback) and the
/// libdevmapper underneath are not thread-safe.
/// </summary>
internal static class CryptsetupGate
{
    internal static readonly Lock Lock = new();
}
