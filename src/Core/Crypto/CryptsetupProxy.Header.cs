using System.Runtime.InteropServices;
using System.Text.Json;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>The header: writing a new one, reading it into a <see cref="LuksInfo"/>, backing it up and restoring it.</summary>
internal static partial class CryptsetupProxy
{
    /// <summary>Writes the new header <paramref name="options"/> describe (no keyslot yet).</summary>
    internal static void Format(CryptsetupCall call, SafeCryptDeviceHandle context, LuksFormatOptions options, string what)
    {
        SetPbkdf(call, context, options.EffectivePbkdf, options.Hash, what);
        if (options.DataOffsetBytes is { } offset)
        {
            CryptsetupErrors.Check(crypt_set_data_offset(context, (ulong)(offset / SectorBytes)), call, what);
        }

        using var strings = new NativeStrings();
        var keyBytes = (nuint)(options.KeySizeBits / 8);
        var uuid = options.Uuid?.ToString("D");
        var result = options.Version == LuksVersion.Luks1
            ? crypt_format(context, CRYPT_LUKS1, options.Cipher, options.CipherMode, uuid, IntPtr.Zero, keyBytes,
                new crypt_params_luks1 { hash = strings.Add(options.Hash) })
            : crypt_format(context, CRYPT_LUKS2, options.Cipher, options.CipherMode, uuid, IntPtr.Zero, keyBytes,
                new crypt_params_luks2 { sector_size = (uint)(options.SectorSize ?? 0), label = strings.Add(options.Label) });
        CryptsetupErrors.Check(result, call, what);
    }

    /// <summary>Zeroes everything before the data area: the header, both LUKS2 copies and the keyslot area. Unchecked: it undoes a failed format.</summary>
    internal static void WipeHeader(SafeCryptDeviceHandle context) => _ = WipeBeforeData(context);

    /// <summary>Zeroes everything before the data area of the context's data device (its header described by the context).</summary>
    internal static void WipeHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string what) =>
        CryptsetupErrors.Check(WipeBeforeData(context), call, what);

    /// <summary>Writes the loaded header, keyslots included, to the new file <paramref name="backupFile"/>; <paramref name="type"/> (<c>CRYPT_LUKS2</c> ...) insists on it, null takes the loaded one.</summary>
    internal static void BackupHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string backupFile, string what, string? type = null) =>
        CryptsetupErrors.Check(crypt_header_backup(context, type, backupFile), call, what);

    internal static void RestoreHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string backupFile, string what) =>
        CryptsetupErrors.Check(crypt_header_restore(context, null, backupFile), call, what);

    /// <summary>What the loaded header of <paramref name="devicePath"/> says.</summary>
    internal static LuksInfo ReadHeader(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath)
    {
        var type = Marshal.PtrToStringUTF8(crypt_get_type(context)) ?? "";
        var version = type == CRYPT_LUKS1 ? LuksVersion.Luks1 : LuksVersion.Luks2;
        var keyslots = new List<LuksKeyslot>();
        string? keyslotHash = null;
        for (var slot = 0; slot < crypt_keyslot_max(type); slot++)
        {
            if (crypt_keyslot_status(context, slot) is CRYPT_SLOT_ACTIVE or CRYPT_SLOT_ACTIVE_LAST
                && crypt_keyslot_get_pbkdf(context, slot, out var pbkdf) == 0)
            {
                keyslots.Add(new LuksKeyslot(
                    slot, Marshal.PtrToStringUTF8(pbkdf.type) ?? "", (int)pbkdf.iterations, (int)pbkdf.max_memory_kb, (int)pbkdf.parallel_threads));
                keyslotHash ??= Marshal.PtrToStringUTF8(pbkdf.hash);
            }
        }

        return new LuksInfo(
            devicePath,
            version,
            Guid.TryParseExact(Marshal.PtrToStringUTF8(crypt_get_uuid(context)), "D", out var uuid) ? uuid : null,
            Marshal.PtrToStringUTF8(crypt_get_cipher(context)) ?? "",
            Marshal.PtrToStringUTF8(crypt_get_cipher_mode(context)) ?? "",
            crypt_get_volume_key_size(context) * 8,
            version == LuksVersion.Luks1 ? keyslotHash : DigestHash(call, context, devicePath),
            DataOffsetBytes(context),
            crypt_get_sector_size(context),
            version == LuksVersion.Luks2 ? NullIfEmpty(Marshal.PtrToStringUTF8(crypt_get_label(context))) : null,
            keyslots);
    }

    /// <summary>LUKS2 keeps the hash in its JSON metadata only (the digest's, which also serves the keyslots).</summary>
    private static string? DigestHash(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath)
    {
        CryptsetupErrors.Check(crypt_dump_json(context, out var json, 0), call, $"Cannot read the LUKS2 metadata of {devicePath}");
        using var metadata = JsonDocument.Parse(Marshal.PtrToStringUTF8(json) ?? "{}");
        return metadata.RootElement.TryGetProperty("digests", out var digests)
            ? digests.EnumerateObject().Select(d => d.Value.TryGetProperty("hash", out var h) ? h.GetString() : null).FirstOrDefault()
            : null;
    }

    private static int WipeBeforeData(SafeCryptDeviceHandle context) =>
        crypt_wipe(context, null, CRYPT_WIPE_ZERO, 0, (ulong)DataOffsetBytes(context), 0, 0, IntPtr.Zero, IntPtr.Zero);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
