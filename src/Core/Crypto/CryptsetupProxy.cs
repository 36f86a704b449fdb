using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// Every libcryptsetup call VirtCrypt makes, each checked: a negative result becomes the exception
/// <see cref="CryptsetupErrors"/> maps its errno to, with the caller's <c>what</c> and the library's last logged error.
/// Runs inside a <see cref="CryptsetupCall"/> (serialized, log routed). <see cref="LuksVolume"/> and the other Crypto
/// types call only this (LibGit2Sharp's Proxy); see <see cref="Libvirt.LibvirtProxy"/> for why the proxies live in Core.
/// </summary>
internal static partial class CryptsetupProxy
{
    /// <summary>The unit of libcryptsetup's offsets, shifts and sizes (and device-mapper's).</summary>
    internal const int SectorBytes = 512;

    /// <summary>A context for <paramref name="devicePath"/>, or for no device at all when null.</summary>
    internal static SafeCryptDeviceHandle Init(CryptsetupCall call, string? devicePath, string what) =>
        Created(crypt_init(out var context, devicePath), context, call, what, CryptsetupNeeds.Header);

    /// <summary>A context for the active mapping <paramref name="name"/>.</summary>
    internal static SafeCryptDeviceHandle InitByName(CryptsetupCall call, string name, string what) =>
        Created(crypt_init_by_name(out var context, name), context, call, what, CryptsetupNeeds.DeviceMapper);

    /// <summary>Loads the LUKS1 or LUKS2 header of the context's device; a device without one gets its own message.</summary>
    internal static void Load(CryptsetupCall call, SafeCryptDeviceHandle context, string devicePath)
    {
        var result = crypt_load(context, null, IntPtr.Zero);
        if (result < 0)
        {
            throw result == -CryptsetupErrors.EINVAL
                ? new CryptsetupException(
                    $"{devicePath} is not a LUKS volume: it has no valid LUKS header. Check the device, or restore a header backup.",
                    new NativeError(NativeLibraryKind.Cryptsetup, result, call.LastError))
                : CryptsetupErrors.For(result, call.LastError, $"Cannot read the LUKS header of {devicePath}", CryptsetupNeeds.Header);
        }
    }

    /// <summary>
    /// Unlocks with <paramref name="key"/> and returns its keyslot: as the mapping <paramref name="name"/> with
    /// <paramref name="options"/>, or, with a null name, only verifying the key.
    /// </summary>
    internal static int Activate(CryptsetupCall call, SafeCryptDeviceHandle context, string? name, LuksKey key, MappingOptions? options, string what)
    {
        var flags = options is null ? 0
            : (options.ReadOnly ? CRYPT_ACTIVATE_READONLY : 0) | (options.AllowDiscards ? CRYPT_ACTIVATE_ALLOW_DISCARDS : 0);
        var result = key switch
        {
            LuksKey.KeyFileKey file => crypt_activate_by_keyfile_device_offset(
                context, name, CRYPT_ANY_SLOT, file.Path, (nuint)file.Size, (ulong)file.Offset, flags),
            _ => ActivateByPassphrase(context, name, key, flags),
        };
        return CryptsetupErrors.Check(result, call, what, name is null ? CryptsetupNeeds.Key : CryptsetupNeeds.Key | CryptsetupNeeds.DeviceMapper);
    }

    internal static void Deactivate(CryptsetupCall call, SafeCryptDeviceHandle context, string name, string what) =>
        CryptsetupErrors.Check(crypt_deactivate_by_name(context, name, 0), call, what, CryptsetupNeeds.DeviceMapper);

    /// <summary>libcryptsetup's view of the mapping <paramref name="name"/> (<c>crypt_status</c>).</summary>
    internal static MappingStatus Status(string name) => (MappingStatus)crypt_status(IntPtr.Zero, name);

    /// <summary>The open mapping <paramref name="name"/> as its context sees it.</summary>
    internal static MappedDevice DescribeMapping(CryptsetupCall call, SafeCryptDeviceHandle context, string name, bool inUse, string what)
    {
        CryptsetupErrors.Check(crypt_get_active_device(context, name, out var active), call, what, CryptsetupNeeds.DeviceMapper);
        return new MappedDevice(
            name,
            MapperName.PathOf(name),
            (long)active.size * SectorBytes,
            Marshal.PtrToStringUTF8(crypt_get_device_name(context)),
            (active.flags & CRYPT_ACTIVATE_READONLY) != 0,
            (active.flags & CRYPT_ACTIVATE_ALLOW_DISCARDS) != 0,
            inUse);
    }

    /// <summary>Sets the key derivation (and hash) of the keyslots the context writes next.</summary>
    internal static void SetPbkdf(CryptsetupCall call, SafeCryptDeviceHandle context, PbkdfOptions cost, string hash, string what)
    {
        using var strings = new NativeStrings();
        var native = cost.ToNative(hash, strings);
        CryptsetupErrors.Check(crypt_set_pbkdf_type(context, in native), call, what);
    }

    /// <summary>Why libcryptsetup refuses <paramref name="cost"/> with <paramref name="hash"/> (its own error line), or null when it accepts them.</summary>
    internal static string? PbkdfRefusal(CryptsetupCall call, PbkdfOptions cost, string hash)
    {
        var result = crypt_init(out var context, null);
        using (context)
        {
            if (result < 0)
            {
                return $"libcryptsetup could not make a context to check the options with (error {result})";
            }

            using var strings = new NativeStrings();
            var native = cost.ToNative(hash, strings);
            result = crypt_set_pbkdf_type(context, in native);
            return result >= 0 ? null : call.LastError?.Trim() ?? $"libcryptsetup refuses them (error {result})";
        }
    }

    /// <summary>Adds <paramref name="newKey"/> in a free keyslot, unlocking with <paramref name="existingKey"/>; returns the new keyslot.</summary>
    internal static int AddKeyslot(CryptsetupCall call, SafeCryptDeviceHandle context, LuksKey existingKey, LuksKey newKey, string what)
    {
        int result;
        if (existingKey is LuksKey.KeyFileKey existingFile && newKey is LuksKey.KeyFileKey newFile)
        {
            result = crypt_keyslot_add_by_keyfile_device_offset(
                context, CRYPT_ANY_SLOT, existingFile.Path, (nuint)existingFile.Size, (ulong)existingFile.Offset,
                newFile.Path, (nuint)newFile.Size, (ulong)newFile.Offset);
        }
        else
        {
            using var existing = KeyMaterial.Of(existingKey);
            using var added = KeyMaterial.Of(newKey);
            var existingBytes = existing.Secret.Bytes;
            var newBytes = added.Secret.Bytes;
            result = crypt_keyslot_add_by_passphrase(
                context, CRYPT_ANY_SLOT, existingBytes, (nuint)existingBytes.Length, newBytes, (nuint)newBytes.Length);
        }

        return CryptsetupErrors.Check(result, call, what, CryptsetupNeeds.Key);
    }

    /// <summary>Protects the context's (new) volume key with <paramref name="key"/> in a free keyslot; returns it.</summary>
    internal static int AddKeyslotForVolumeKey(CryptsetupCall call, SafeCryptDeviceHandle context, LuksKey key, string what)
    {
        using var material = KeyMaterial.Of(key);
        var passphrase = material.Secret.Bytes;
        return CryptsetupErrors.Check(
            crypt_keyslot_add_by_volume_key(context, CRYPT_ANY_SLOT, IntPtr.Zero, 0, passphrase, (nuint)passphrase.Length), call, what);
    }

    /// <summary>True when <paramref name="slot"/> is the only active keyslot.</summary>
    internal static bool IsLastKeyslot(SafeCryptDeviceHandle context, int slot) =>
        crypt_keyslot_status(context, slot) == CRYPT_SLOT_ACTIVE_LAST;

    internal static void DestroyKeyslot(CryptsetupCall call, SafeCryptDeviceHandle context, int slot, string what) =>
        CryptsetupErrors.Check(crypt_keyslot_destroy(context, slot), call, what);

    /// <summary>
    /// Runs <c>crypt_benchmark</c> for <paramref name="cipher"/> in <paramref name="mode"/> on a buffer in memory;
    /// returns its errno (0 when it ran) and the speeds in MiB/s. The caller interprets the errno.
    /// </summary>
    internal static int Benchmark(string cipher, string mode, int keyBytes, int bufferBytes, out double encryption, out double decryption) =>
        -crypt_benchmark(IntPtr.Zero, cipher, mode, (nuint)keyBytes, 0, (nuint)bufferBytes, out encryption, out decryption);

    /// <summary>
    /// Starts the library's crypto backend with the debug log on (a PLAIN format on a context without a device,
    /// which touches no device), so that its one-time start-up lines reach the log capture of the calling thread.
    /// </summary>
    internal static void StartBackendLoggingDebug()
    {
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
    }

    private static SafeCryptDeviceHandle Created(int result, SafeCryptDeviceHandle context, CryptsetupCall call, string what, CryptsetupNeeds needs)
    {
        if (result < 0)
        {
            context.Dispose();
            throw CryptsetupErrors.For(result, call.LastError, what, needs);
        }

        return context;
    }

    private static int ActivateByPassphrase(SafeCryptDeviceHandle context, string? name, LuksKey key, uint flags)
    {
        using var material = KeyMaterial.Of(key);
        var passphrase = material.Secret.Bytes;
        return crypt_activate_by_passphrase(context, name, CRYPT_ANY_SLOT, passphrase, (nuint)passphrase.Length, flags);
    }
}
