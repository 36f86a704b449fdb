using System.Runtime.InteropServices;
using System.Text.Json;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>Reads a loaded context into a <see cref="LuksInfo"/>.</summary>
internal static class LuksHeaderReader
{
    private const int SectorBytes = 512;

    internal static LuksInfo Read(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath)
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
            (long)crypt_get_data_offset(context) * SectorBytes,
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

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
