using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Boot;

/// <summary>Random keyfiles that unlock a LUKS keyslot without a typed passphrase (for unlocking at boot).</summary>
internal static class KeyFile
{
    /// <summary>The default size: 4096 random bytes, far more than any key needs, as common keyfile guides use.</summary>
    public const int DefaultLength = 4096;

    /// <summary>Read-only for its owner (0400).</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead;

    /// <summary>
    /// Creates <paramref name="path"/> holding <paramref name="length"/> cryptographically random bytes, with mode
    /// 0400 from the moment it exists (the mode is given to the call that creates it, so it is never readable by
    /// anyone else), and fsyncs it. Never overwrites a file; a half-written file is removed.
    /// </summary>
    /// <exception cref="ObjectAlreadyExistsException">The file exists; it was left as it was.</exception>
    /// <exception cref="ObjectNotFoundException">Its directory does not exist.</exception>
    /// <exception cref="OperationNotSupportedException">The filesystem does not keep the 0400 mode (vfat, some network filesystems).</exception>
    public static void Create(string path, int length = DefaultLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 32);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Secret.MaxKeyFileBytes);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Keyfiles need Unix file modes.");
        }

        var full = Path.GetFullPath(path);
        if (Path.Exists(full))
        {
            throw new ObjectAlreadyExistsException($"Cannot create the keyfile {full}: the file exists and a keyfile is never overwritten; choose a new path.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new ObjectNotFoundException($"Cannot create the keyfile {full}: its directory does not exist.");
        }

        using var content = Secret.Random(length);
        FileStream stream;
        try
        {
            stream = new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = Mode,
            });
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PermissionDeniedException($"Cannot create the keyfile {full}: permission denied.", innerException: e);
        }
        catch (IOException e) when (File.Exists(full))
        {
            throw new ObjectAlreadyExistsException($"Cannot create the keyfile {full}: the file exists and a keyfile is never overwritten; choose a new path.", innerException: e);
        }

        try
        {
            using (stream)
            {
                stream.Write(content.Bytes);
                stream.Flush(flushToDisk: true);
            }

            if ((File.GetUnixFileMode(full) & ~Mode) != 0)
            {
                throw new OperationNotSupportedException(
                    $"Cannot create the keyfile {full}: its filesystem does not keep the mode 0400 (it shows {Octal(File.GetUnixFileMode(full))}), so others could read the key. Choose a path on a Linux filesystem.");
            }
        }
        catch
        {
            File.Delete(full);
            throw;
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
