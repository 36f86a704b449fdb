namespace VirtCrypt.Crypto;

/// <summary>
/// What unlocks a LUKS keyslot: a passphrase held in a <see cref="Secret"/>, or a keyfile on disk. Dispose it once the
/// operations that need it are done: that clears a passphrase.
/// </summary>
public abstract class LuksKey : IDisposable
{
    private protected LuksKey()
    {
    }

    /// <summary>A passphrase. The key owns <paramref name="passphrase"/>: disposing the key clears it.</summary>
    public static LuksKey FromPassphrase(Secret passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length == 0)
        {
            throw new ArgumentException("The passphrase is empty; an empty passphrase protects nothing.", nameof(passphrase));
        }

        return new PassphraseKey(passphrase);
    }

    /// <summary>
    /// A keyfile: <paramref name="size"/> bytes (0: the whole file) from <paramref name="offset"/>, used as they are
    /// (no newline handling), as <c>cryptsetup --key-file</c> does. The file is checked now, before anything uses it:
    /// it must be a regular file (never a FIFO, device or directory) giving 1 byte to 8 MiB.
    /// </summary>
    /// <exception cref="Errors.ObjectNotFoundException">The file does not exist.</exception>
    /// <exception cref="Errors.InvalidKeyException">It is empty, too large, shorter than asked, or not a regular file.</exception>
    public static LuksKey FromKeyFile(string path, long offset = 0, long size = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var key = new KeyFileKey(Path.GetFullPath(path), offset, size);
        key.Check();
        return key;
    }

    /// <summary>Never the content; a keyfile's path is not secret.</summary>
    public abstract override string ToString();

    /// <summary>Clears a passphrase; a keyfile's key holds nothing to clear.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the key holds.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    private protected virtual void Dispose(bool disposing)
    {
    }

    internal sealed class PassphraseKey(Secret passphrase) : LuksKey
    {
        internal Secret Passphrase { get; } = passphrase;

        public override string ToString() => "passphrase";

        private protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Passphrase.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    internal sealed class KeyFileKey(string path, long offset, long size) : LuksKey
    {
        internal string Path { get; } = path;

        internal long Offset { get; } = offset;

        internal long Size { get; } = size;

        /// <summary>The keyfile's bytes, for calls that mix a keyfile with a passphrase.</summary>
        internal Secret Read() => Secret.ReadFile(Path, Offset, Size);

        /// <summary>Checks the file as it is now (it may have changed since the key was made); returns the key's length in bytes.</summary>
        internal int Check()
        {
            using var file = KeySourceFile.Open(Path, KeySourceFile.KeyFile);
            return KeySourceFile.KeyBytes(Path, file.Size, Offset, Size);
        }

        public override string ToString() => $"keyfile {Path}";
    }
}
