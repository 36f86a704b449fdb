using VirtCrypt.Crypto;

namespace VirtCrypt.Orchestration;

/// <summary>The key for the new volumes: a passphrase file's first line or a keyfile's bytes, never the command line.</summary>
internal static class KeySource
{
    private const int MaxPassphraseBytes = 512;

    /// <summary>The key, and the passphrase behind it (null for a keyfile) for the caller to dispose.</summary>
    internal static LuksKey Read(FileInfo? passphraseFile, FileInfo? keyFile, out Secret? passphrase)
    {
        passphrase = null;
        if (keyFile is not null)
        {
            return LuksKey.FromKeyFile(keyFile.FullName);
        }

        var buffer = GC.AllocateArray<byte>(MaxPassphraseBytes + 1, pinned: true);
        try
        {
            using (var stream = new FileStream(passphraseFile!.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var line = buffer.AsSpan(0, length);
                var end = line.IndexOf((byte)'\n');
                if (end < 0 && length > MaxPassphraseBytes)
                {
                    throw new InvalidDataException($"{passphraseFile.FullName} does not start with a passphrase line of at most {MaxPassphraseBytes} bytes; use --key-file for binary keys.");
                }

                passphrase = Secret.FromBytes(end < 0 ? line : line[..end]);
            }

            return LuksKey.FromPassphrase(passphrase);
        }
        finally
        {
            Array.Clear(buffer);
        }
    }
}
