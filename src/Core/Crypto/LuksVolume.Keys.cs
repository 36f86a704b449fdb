using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>Keyslots: each call derives a key from a passphrase, so each is async.</summary>
public sealed partial class LuksVolume
{
    /// <summary>Checks <paramref name="key"/> without opening anything (no device-mapper needed); returns its keyslot.</summary>
    /// <exception cref="WrongPassphraseException">No keyslot accepts the key.</exception>
    public Task<int> VerifyKeyAsync(LuksKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CryptsetupCall.RunAsync(
            logger, call => CryptsetupProxy.Activate(call, context, null, key, null, $"Cannot unlock {DevicePath} with this {key}"), cancellationToken);
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
            var info = CryptsetupProxy.ReadHeader(call, context, DevicePath);
            var cost = pbkdf ?? PbkdfOptions.DefaultFor(info.Version);
            if (info.Version == LuksVersion.Luks1 && cost.Algorithm != PbkdfAlgorithm.Pbkdf2)
            {
                throw new ArgumentException("LUKS1 keyslots support only PBKDF2.", nameof(pbkdf));
            }

            var what = $"Cannot add a key to {DevicePath}";
            CryptsetupProxy.SetPbkdf(call, context, cost, info.Hash ?? "sha256", what);
            var slot = CryptsetupProxy.AddKeyslot(call, context, existingKey, newKey, what);
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
            var slot = CryptsetupProxy.Activate(call, context, null, key, null, what);
            if (CryptsetupProxy.IsLastKeyslot(context, slot))
            {
                throw new InvalidOperationStateException(
                    $"{what}: keyslot {slot} is the last one, and without it nobody can open the volume again. Add another key first.");
            }

            CryptsetupProxy.DestroyKeyslot(call, context, slot, what);
            CryptsetupLogMessages.KeyRemoved(logger, slot, DevicePath);
            return slot;
        }, cancellationToken);
    }
}
