using VirtCrypt.Crypto;

namespace VirtCrypt.Orchestration;

/// <summary>The key for the new volumes: a passphrase file's first line or a keyfile's bytes, never the command line.</summary>
internal static class KeySource
{
    /// <summary>The key, for the caller to dispose.</summary>
    /// <remarks>Both files are checked before use: a regular file (never a FIFO or device), a keyfile of 1 byte to 8 MiB, a passphrase on the first line.</remarks>
    internal static LuksKey Read(FileInfo? passphraseFile, FileInfo? keyFile)
    {
        if (keyFile is not null)
        {
            return LuksKey.FromKeyFile(keyFile.FullName);
        }

        var passphrase = Secret.FromPassphraseFile(passphraseFile!.FullName);
        try
        {
            return LuksKey.FromPassphrase(passphrase);
        }
        catch
        {
            passphrase.Dispose();
            throw;
        }
    }
}
