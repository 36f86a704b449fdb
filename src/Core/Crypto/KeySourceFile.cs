using VirtCrypt.Copy;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Storage;

namespace VirtCrypt.Crypto;

/// <summary>
/// The rules for a keyfile or passphrase file handed in, checked before a byte is used: it exists, it is a regular
/// file (a FIFO would block or yield a different key on every read, a device or directory is no key), and a keyfile
/// gives between 1 byte and libcryptsetup's 8 MiB limit.
/// </summary>
internal static class KeySourceFile
{
    internal const string KeyFile = "keyfile";
    internal const string PassphraseFile = "passphrase file";

    /// <summary>Opens <paramref name="path"/> for reading as a <paramref name="what"/>; never blocks on a FIFO.</summary>
    /// <exception cref="ObjectNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidKeyException">It is not a regular file.</exception>
    internal static OpenedFile Open(string path, string what)
    {
        OpenedFile file;
        try
        {
            file = OpenedFile.Open(path, Interop.Interop.Libc.O_RDONLY);
        }
        catch (ObjectNotFoundException e)
        {
            throw new ObjectNotFoundException($"The {what} {path} does not exist.", e.NativeError, e);
        }

        if (file.Kind != FileKind.RegularFile)
        {
            file.Dispose();
            throw new InvalidKeyException(
                $"The {what} {path} is {FileStatus.Describe(file.Kind)}, not a regular file: VirtCrypt reads keys only from regular files " +
                "(a pipe or device may block or give another key on every read). Put the key into a file readable only by root and give that file.");
        }

        return file;
    }

    /// <summary>
    /// How many bytes the keyfile <paramref name="path"/> of <paramref name="fileSize"/> bytes gives from
    /// <paramref name="offset"/>: <paramref name="size"/>, or all the rest when it is 0.
    /// </summary>
    /// <exception cref="InvalidKeyException">That is no byte, more than the file holds, or more than 8 MiB.</exception>
    internal static int KeyBytes(string path, long fileSize, long offset, long size)
    {
        var available = Math.Max(0, fileSize - offset);
        var from = offset > 0 ? $" from offset {offset}" : "";
        if (size > available)
        {
            throw new InvalidKeyException($"The {KeyFile} {path} holds {available} bytes{from}, fewer than the {size} bytes to read: give a smaller size or the right file.");
        }

        var bytes = size == 0 ? available : size;
        if (bytes == 0)
        {
            throw new InvalidKeyException(
                $"The {KeyFile} {path} is empty{from}: a key of 0 bytes would open the volume for anyone. " +
                $"Fill it with random bytes (for example head -c 64 /dev/urandom > {path}) or give another file.");
        }

        if (bytes > Secret.MaxKeyFileBytes)
        {
            throw new InvalidKeyException(
                $"The {KeyFile} {path} gives {ByteCount.WithBytes(bytes)}{from}, more than libcryptsetup's limit of " +
                $"{Secret.MaxKeyFileBytes} bytes (8 MiB): use a smaller keyfile (64 random bytes are plenty).");
        }

        return (int)bytes;
    }
}
