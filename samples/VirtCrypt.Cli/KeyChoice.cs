using VirtCrypt.Crypto;

namespace VirtCrypt.Cli;

/// <summary>The key the user chose, and the passphrase behind it (null for a keyfile), which disposing clears.</summary>
internal sealed class KeyChoice(LuksKey key, Secret? passphrase) : IDisposable
{
    internal LuksKey Key { get; } = key;

    public void Dispose() => passphrase?.Dispose();
}
