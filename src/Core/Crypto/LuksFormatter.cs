using VirtCrypt.Interop;

namespace VirtCrypt.Crypto;

/// <summary>Writes a new LUKS header with the chosen options, then the first keyslot.</summary>
internal static class LuksFormatter
{
    /// <summary>Returns the keyslot of <paramref name="key"/>. If that keyslot cannot be written, the header is wiped again.</summary>
    internal static int Format(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath, LuksFormatOptions options, LuksKey key)
    {
        WriteHeader(call, context, devicePath, options);
        try
        {
            return CryptsetupProxy.AddKeyslotForVolumeKey(
                call, context, key, $"Cannot write the first keyslot of {devicePath} (the new header was wiped again)");
        }
        catch
        {
            CryptsetupProxy.WipeHeader(context);
            throw;
        }
    }

    /// <summary>The header alone, with no keyslot: what a user gets before any key derivation runs.</summary>
    internal static void WriteHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath, LuksFormatOptions options) =>
        CryptsetupProxy.Format(call, context, options, $"Cannot format {devicePath}");
}
