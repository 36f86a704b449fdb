using System.Security.Cryptography;
using System.Text;

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

    /// <summary>Reads <paramref name="length"/> bytes (0: to the end) of a file from <paramref name="offset"/>, unbuffered.</summary>
    internal static Secret ReadFile(string path, long offset, long length)
    {
        using var file = File.OpenHandle(path);
        var available = Math.Max(0, RandomAccess.GetLength(file) - offset);
        var size = length == 0 ? available : Math.Min(length, available);
        if (size > MaxKeyFileBytes)
        {
            throw new ArgumentException($"The keyfile {path} is larger than {MaxKeyFileBytes} bytes; give the size to use.", nameof(path));
        }

        var secret = new Secret((int)size);
        var read = 0;
        while (read < size)
        {
            var n = RandomAccess.Read(file, secret.bytes.AsSpan(read), offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return secret;
    }
}
