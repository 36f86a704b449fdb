namespace VirtCrypt.Crypto;

/// <summary>
/// The bytes of a <see cref="LuksKey"/> for libcryptsetup calls that take a passphrase: a passphrase's own
/// <see cref="Secret"/> (borrowed), or a keyfile's content read into a new one (disposed with this object).
/// </summary>
internal sealed class KeyMaterial : IDisposable
{
    private readonly bool owned;

    private KeyMaterial(Secret secret, bool owned)
    {
        Secret = secret;
        this.owned = owned;
    }

    internal Secret Secret { get; }

    internal static KeyMaterial Of(LuksKey key) => key switch
    {
        LuksKey.PassphraseKey passphrase => new KeyMaterial(passphrase.Passphrase, owned: false),
        LuksKey.KeyFileKey keyFile => new KeyMaterial(keyFile.Read(), owned: true),
        _ => throw new ArgumentException($"Unknown kind of key: {key}.", nameof(key)),
    };

    public void Dispose()
    {
        if (owned)
        {
            Secret.Dispose();
        }
    }
}
