using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// Offline reencryption, what <see cref="LuksInPlaceEncryption"/> and <see cref="LuksInPlaceDecryption"/> do: contexts
/// on a LUKS2 header (at the device's head or in a detached file), the reencryption's start, run and state, and the
/// data offset its shift is measured in.
/// </summary>
internal static partial class CryptsetupProxy
{
    /// <summary>A context whose header is the file <paramref name="headerFile"/> and whose data is <paramref name="devicePath"/>.</summary>
    internal static SafeCryptDeviceHandle InitDataDevice(CryptsetupCall call, string headerFile, string devicePath, string what) =>
        Created(crypt_init_data_device(out var context, headerFile, devicePath), context, call, what, CryptsetupNeeds.Header);

    /// <summary>Loads the LUKS2 header of <paramref name="devicePath"/>, or the detached one in <paramref name="headerFile"/> for it.</summary>
    internal static SafeCryptDeviceHandle LoadLuks2(CryptsetupCall call, string devicePath, string? headerFile = null)
    {
        var result = headerFile is null ? crypt_init(out var context, devicePath) : crypt_init_data_device(out context, headerFile, devicePath);
        if (result >= 0)
        {
            result = crypt_load(context, CRYPT_LUKS2, IntPtr.Zero);
        }

        return Created(result, context, call, $"Cannot read the LUKS2 header of {headerFile ?? devicePath}", CryptsetupNeeds.Header);
    }

    /// <summary>Where the data starts, in 512-byte sectors: the room the header takes at the device's head.</summary>
    internal static ulong DataOffsetSectors(SafeCryptDeviceHandle context) => crypt_get_data_offset(context);

    /// <summary>Where the data starts, in bytes.</summary>
    internal static long DataOffsetBytes(SafeCryptDeviceHandle context) => (long)DataOffsetSectors(context) * SectorBytes;

    /// <summary>
    /// Records the reencryption <paramref name="parameters"/> describe in the context's header (or resumes the one it
    /// records), unlocking with <paramref name="key"/>; <paramref name="newKeyslot"/> protects the new volume key
    /// (<c>CRYPT_ANY_SLOT</c> when there is none), with <paramref name="cipher"/> in <paramref name="cipherMode"/> (null: the header's).
    /// </summary>
    internal static void InitReencryption(
        CryptsetupCall call, SafeCryptDeviceHandle context, LuksKey key, int newKeyslot, string? cipher, string? cipherMode,
        in crypt_params_reencrypt parameters, string what)
    {
        using var material = KeyMaterial.Of(key);
        var passphrase = material.Secret.Bytes;
        CryptsetupErrors.Check(
            crypt_reencrypt_init_by_passphrase(context, null, passphrase, (nuint)passphrase.Length, CRYPT_ANY_SLOT, newKeyslot, cipher, cipherMode, in parameters),
            call, what, CryptsetupNeeds.Key);
    }

    /// <summary>The state of the reencryption the context's header records (<c>CRYPT_REENCRYPT_NONE</c> when none).</summary>
    internal static int ReencryptionStatus(SafeCryptDeviceHandle context) => crypt_reencrypt_status(context, IntPtr.Zero);

    /// <summary>The state of the recorded reencryption, and its <paramref name="parameters"/> (whose strings belong to the context).</summary>
    internal static int ReencryptionStatus(SafeCryptDeviceHandle context, ref crypt_params_reencrypt parameters) =>
        crypt_reencrypt_status(context, ref parameters);

    /// <summary>
    /// Runs the initialised reencryption offline; <paramref name="onProgress"/> gets the bytes done and the total as it
    /// goes and returns true to interrupt it between hotzones (the header keeps where it stopped).
    /// </summary>
    internal static void RunReencryption(CryptsetupCall call, SafeCryptDeviceHandle context, Func<long, long, bool> onProgress, string what) =>
        CryptsetupErrors.Check(CryptsetupReencryptRun.Run(context, onProgress), call, what);
}
