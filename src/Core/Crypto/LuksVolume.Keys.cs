using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>Keyslots: each call derives a key from a passphrase, so each is async.</summary>
public sealed partial class LuksVolume
{
    /// <summary>Checks <paramref name="key"/> without opening anything (no device-mapper needed); returns its keyslot.</summary>
    /// <exception cref="WrongPassphraseException">No keyslot accepts the key.</exception>
    public Task<int> VerifyKeyAsync(LuksKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CryptsetupCall.RunAsync(logger, call => CryptsetupErrors.Check(
            Activate(context, null, key, 0), call, $"Cannot unlock {DevicePath} with this {key}", CryptsetupNeeds.Key),
            cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="newKey"/> in a free keyslot, unlocking with <paramref name="existingKey"/>; returns the
    /// new keyslot. <paramref name="pbkdf"/> sets its key derivation cost (default: <see cref="PbkdfOptions.DefaultFor"/>
    /// the volume's version).
    /// </summary>
    public Task<int> AddKeyAsync(
        LuksKey existingKey, LuksKey newKey, PbkdfOptions? pbkdf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(existingKey);
        ArgumentNullException.ThrowIfNull(newKey);
        pbkdf?.Validate(nameof(pbkdf));
        return CryptsetupCall.RunAsync(logger, call =>
        {
            var info = LuksHeaderReader.Read(call, context, DevicePath);
            var cost = pbkdf ?? PbkdfOptions.DefaultFor(info.Version);
            if (info.Version == LuksVersion.Luks1 && cost.Algorithm != PbkdfAlgorithm.Pbkdf2)
            {
                throw new ArgumentException("LUKS1 keyslots support only PBKDF2.", nameof(pbkdf));
            }

            var what = $"Cannot add a key to {DevicePath}";
            using (var strings = new NativeStrings())
            {
                var native = cost.ToNative(info.Hash ?? "sha256", strings);
                CryptsetupErrors.Check(crypt_set_pbkdf_type(context, in native), call, what);
            }

            var slot = CryptsetupErrors.Check(AddKeyslot(existingKey, newKey), call, what, CryptsetupNeeds.Key);
            CryptsetupLogMessages.KeyAdded(logger, slot, DevicePath);
            return slot;
        }, cancellationToken);
    }

    /// <summary>
    /// Removes the keyslot that <paramref name="key"/> opens and returns its number. Refuses to remove the last
    /// keyslot, which would make the data unreadable forever.
    /// </summary>
    public Task<int> RemoveKeyAsync(LuksKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CryptsetupCall.RunAsync(logger, call =>
        {
            var what = $"Cannot remove the {key} from {DevicePath}";
            var slot = CryptsetupErrors.Check(Activate(context, null, key, 0), call, what, CryptsetupNeeds.Key);
            if (crypt_keyslot_status(context, slot) == CRYPT_SLOT_ACTIVE_LAST)
            {
                throw new InvalidOperationStateException(
                    $"{what}: keyslot {slot} is the last one, and without it nobody can open the volume again. Add another key first.");
            }

            CryptsetupErrors.Check(crypt_keyslot_destroy(context, slot), call, what);
            CryptsetupLogMessages.KeyRemoved(logger, slot, DevicePath);
            return slot;
        }, cancellationToken);
    }

    /// <summary>Unlocks with <paramref name="key"/>; with a null <paramref name="name"/> it only verifies.</summary>
    private static int Activate(SafeCryptDeviceHandle context, string? name, LuksKey key, uint flags) => key switch
    {
        LuksKey.KeyFileKey file => crypt_activate_by_keyfile_device_offset(
            context, name, CRYPT_ANY_SLOT, file.Path, (nuint)file.Size, (ulong)file.Offset, flags),
        _ => ActivateByPassphrase(context, name, key, flags),
    };

    private static int ActivateByPassphrase(SafeCryptDeviceHandle context, string? name, LuksKey key, uint flags)
    {
        using var material = KeyMaterial.Of(key);
        var passphrase = material.Secret.Bytes;
        return crypt_activate_by_passphrase(context, name, CRYPT_ANY_SLOT, passphrase, (nuint)passphrase.Length, flags);
    }

    private int AddKeyslot(LuksKey existingKey, LuksKey newKey)
    {
        if (existingKey is LuksKey.KeyFileKey existingFile && newKey is LuksKey.KeyFileKey newFile)
        {
            return crypt_keyslot_add_by_keyfile_device_offset(
                context, CRYPT_ANY_SLOT, existingFile.Path, (nuint)existingFile.Size, (ulong)existingFile.Offset,
                newFile.Path, (nuint)newFile.Size, (ulong)newFile.Offset);
        }

        using var existing = KeyMaterial.Of(existingKey);
        using var added = KeyMaterial.Of(newKey);
        var existingBytes = existing.Secret.Bytes;
        var newBytes = added.Secret.Bytes;
        return crypt_keyslot_add_by_passphrase(
            context, CRYPT_ANY_SLOT, existingBytes, (nuint)existingBytes.Length, newBytes, (nuint)newBytes.Length);
    }
}
