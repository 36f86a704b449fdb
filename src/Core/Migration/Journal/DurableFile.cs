using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// Replaces a file so that after a crash it is either the old or the new version, never half: the content goes to a
/// temporary file first (created new, so an entry someone placed there, a symbolic link included, is never written
/// through), is made durable, then renamed over the file, and the rename is made durable.
/// </summary>
internal static class DurableFile
{
    /// <summary>
    /// Creates <paramref name="temporary"/> with <paramref name="content"/>, <paramref name="mode"/> and, when given,
    /// <paramref name="owner"/>, and flushes it to disk.
    /// </summary>
    /// <exception cref="ObjectAlreadyExistsException">Something is at <paramref name="temporary"/>; it is left as it is.</exception>
    internal static void WriteNew(string temporary, ReadOnlySpan<byte> content, UnixFileMode mode, (uint User, uint Group)? owner = null)
    {
        using var fd = new SafeFileDescriptorHandle(open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (uint)mode));
        if (fd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == EEXIST
                ? new ObjectAlreadyExistsException($"{temporary} already exists and is left as it is; nothing was written.", new NativeError(NativeLibraryKind.Libc, errno))
                : Failure("create", temporary, errno);
        }

        try
        {
            if (owner is var (user, group))
            {
                Check(fchown(fd, user, group), $"give uid {user}, gid {group} to", temporary);
            }

            // After the owner (chown clears setuid and setgid), and exactly: the process umask (liblvm2cmd sets 077)
            // may have narrowed the mode the file was created with.
            Check(fchmod(fd, (uint)mode), "set the mode of", temporary);
            for (var written = 0; written < content.Length;)
            {
                var count = pwrite(fd, content[written..], (nuint)(content.Length - written), written);
                Check(count < 0 ? -1 : 0, "write", temporary);
                written += (int)count;
            }

            Check(fsync(fd), "flush", temporary);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Renames <paramref name="temporary"/> over <paramref name="path"/> durably; on failure the temporary file is removed.</summary>
    internal static void Commit(string temporary, string path)
    {
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private static void Check(nint result, string verb, string path)
    {
        if (result < 0)
        {
            throw Failure(verb, path, Marshal.GetLastPInvokeError());
        }
    }

    private static VirtCryptException Failure(string verb, string path, int errno)
    {
        var message = $"Cannot {verb} {path}: {Marshal.GetPInvokeErrorMessage(errno)}.";
        var error = new NativeError(NativeLibraryKind.Libc, errno);
        return errno is EACCES or EPERM ? new PermissionDeniedException(message + " Run as root.", error) : new VirtCryptException(message, error);
    }
}
