using System.Security.Cryptography;
using System.Text;
using VirtCrypt.Copy;
using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>
/// A passphrase or key: bytes in memory the garbage collector never moves or copies (the pinned object heap), zeroed
/// when disposed. It has no string form, so it cannot end up in a log line, an exception message or argv by
/// accident. Dispose it as soon as the operation that needs it is done.
/// </summary>
public sealed class Secret : IDisposable
{
    /// <summary>libcryptsetup's own limit for keyfiles (DEFAULT_KEYFILE_SIZE_MAXKB, 8 MiB).</summary>
    internal const int MaxKeyFileBytes = 8 * 1024 * 1024;

    /// <summary>The longest passphrase read from a prompt or a passphrase file, in bytes (cryptsetup's own limit).</summary>
    public const int MaxPassphraseBytes = 512;

    private readonly byte[] bytes;
    private bool disposed;

    private Secret(int length) => bytes = GC.AllocateArray<byte>(length, pinned: true);

    /// <summary>Zeroes the bytes if the owner forgot to dispose.</summary>
    ~Secret() => CryptographicOperations.ZeroMemory(bytes);

    /// <summary>The number of bytes.</summary>
    public int Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return bytes.Length;
        }
    }

    /// <summary>The bytes, for the native call that needs them; valid until disposed.</summary>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return bytes;
        }
    }

    /// <summary>Copies <paramref name="value"/>; the caller clears its own copy.</summary>
    public static Secret FromBytes(ReadOnlySpan<byte> value)
    {
        var secret = new Secret(value.Length);
        value.CopyTo(secret.bytes);
        return secret;
    }

    /// <summary>
    /// Encodes typed characters as UTF-8 (what the cryptsetup command line does with a typed passphrase) straight
    /// into pinned memory, with no intermediate string; the caller clears its own characters.
    /// </summary>
    public static Secret FromChars(ReadOnlySpan<char> value)
    {
        var secret = new Secret(Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, secret.bytes);
        return secret;
    }

    /// <summary>
    /// The first line of a passphrase file, without its newline (the bytes as they are, like a typed passphrase in
    /// UTF-8). The file must be a regular file (never a FIFO or device, which could block or change between reads)
    /// whose first line holds 1 to <see cref="MaxPassphraseBytes"/> bytes; a binary key belongs in a keyfile
    /// (<see cref="LuksKey.FromKeyFile"/>).
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidKeyException">It is no regular file, or its first line is empty or too long.</exception>
    public static Secret FromPassphraseFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        using var file = KeySourceFile.Open(full, KeySourceFile.PassphraseFile);
        var buffer = GC.AllocateArray<byte>(MaxPassphraseBytes + 1, pinned: true);
        try
        {
            var length = ReadAt(file, buffer, 0);
            var line = buffer.AsSpan(0, length);
            var newline = line.IndexOf((byte)'\n');
            if (newline < 0 && length > MaxPassphraseBytes)
            {
                throw new InvalidKeyException(
                    $"The {KeySourceFile.PassphraseFile} {full} does not start with a line of at most {MaxPassphraseBytes} bytes: use a keyfile for binary keys.");
            }

            line = newline < 0 ? line : line[..newline];
            return line.IsEmpty
                ? throw new InvalidKeyException(
                    $"The first line of the {KeySourceFile.PassphraseFile} {full} is empty: an empty passphrase protects nothing. Write the passphrase on its first line.")
                : FromBytes(line);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Cryptographically random bytes, for example the content of a new keyfile.</summary>
    public static Secret Random(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var secret = new Secret(length);
        RandomNumberGenerator.Fill(secret.bytes);
        return secret;
    }

    /// <summary>Whether both hold the same bytes (constant time), for example a passphrase typed twice.</summary>
    public bool ContentEquals(Secret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);
    }

    /// <summary>Never the content.</summary>
    public override string ToString() => "[secret]";

    /// <summary>Zeroes the bytes.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(bytes);
        disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Reads the key a keyfile gives: <paramref name="length"/> bytes (0: to the end) from <paramref name="offset"/>,
    /// unbuffered, after checking it is a regular file with 1 byte to 8 MiB to give.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidKeyException">It is no regular file, or gives no byte or too many.</exception>
    internal static Secret ReadFile(string path, long offset, long length)
    {
        using var file = KeySourceFile.Open(path, KeySourceFile.KeyFile);
        var secret = new Secret(KeySourceFile.KeyBytes(path, file.Size, offset, length));
        try
        {
            if (ReadAt(file, secret.bytes, offset) < secret.bytes.Length)
            {
                throw new InvalidKeyException($"The {KeySourceFile.KeyFile} {path} shrank while it was read: give a file nothing else writes to.");
            }

            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    private static int ReadAt(OpenedFile file, Span<byte> destination, long offset) =>
        BlockFile.ReadFully(file.Handle, file.Path, offset, destination, stopAtShortRead: false);
}
