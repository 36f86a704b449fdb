using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>Writes a new LUKS header with the chosen options, then the first keyslot.</summary>
internal static class LuksFormatter
{
    private const int SectorBytes = 512;

    /// <summary>Returns the keyslot of <paramref name="key"/>. If that keyslot cannot be written, the header is wiped again.</summary>
    internal static int Format(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath, LuksFormatOptions options, LuksKey key)
    {
        WriteHeader(call, context, devicePath, options);
        try
        {
            using var material = KeyMaterial.Of(key);
            var passphrase = material.Secret.Bytes;
            return CryptsetupErrors.Check(
                crypt_keyslot_add_by_volume_key(context, CRYPT_ANY_SLOT, IntPtr.Zero, 0, passphrase, (nuint)passphrase.Length),
                call,
                $"Cannot write the first keyslot of {devicePath} (the new header was wiped again)");
        }
        catch
        {
            WipeHeader(context);
            throw;
        }
    }

    /// <summary>The header alone, with no keyslot: what a user gets before any key derivation runs.</summary>
    internal static void WriteHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath, LuksFormatOptions options)
    {
        var what = $"Cannot format {devicePath}";
        using var strings = new NativeStrings();
        var pbkdf = options.EffectivePbkdf.ToNative(options.Hash, strings);
        CryptsetupErrors.Check(crypt_set_pbkdf_type(context, in pbkdf), call, what);
        if (options.DataOffsetBytes is { } offset)
        {
            CryptsetupErrors.Check(crypt_set_data_offset(context, (ulong)(offset / SectorBytes)), call, what);
        }

        var keyBytes = (nuint)(options.KeySizeBits / 8);
        var uuid = options.Uuid?.ToString("D");
        var result = options.Version == LuksVersion.Luks1
            ? crypt_format(context, CRYPT_LUKS1, options.Cipher, options.CipherMode, uuid, IntPtr.Zero, keyBytes,
                new crypt_params_luks1 { hash = strings.Add(options.Hash) })
            : crypt_format(context, CRYPT_LUKS2, options.Cipher, options.CipherMode, uuid, IntPtr.Zero, keyBytes,
                new crypt_params_luks2 { sector_size = (uint)(options.SectorSize ?? 0), label = strings.Add(options.Label) });
        CryptsetupErrors.Check(result, call, what);
    }

    /// <summary>Zeroes everything before the data area: the header, both LUKS2 copies and the keyslot area.</summary>
    private static void WipeHeader(SafeCryptDeviceHandle context) =>
        _ = crypt_wipe(context, null, CRYPT_WIPE_ZERO, 0, crypt_get_data_offset(context) * SectorBytes, 0, 0, IntPtr.Zero, IntPtr.Zero);
}
