using VirtCrypt.Files;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Copy;

/// <summary>
/// A path handed in, opened without ever blocking (O_NONBLOCK: a FIFO without a writer would hang open(2) forever)
/// and identified with fstat, so the caller can refuse anything but the kinds it reads before reading a byte.
/// Symbolic links are followed: what counts is what they point to.
/// </summary>
internal sealed class OpenedFile : IDisposable
{
    private OpenedFile(string path, SafeFileDescriptorHandle handle, FileKind kind, long size)
    {
        Path = path;
        Handle = handle;
        Kind = kind;
        Size = size;
    }

    internal string Path { get; }

    internal SafeFileDescriptorHandle Handle { get; }

    internal FileKind Kind { get; }

    /// <summary>The size of a regular file in bytes (0 for anything else).</summary>
    internal long Size { get; }

    /// <summary>
    /// Opens <paramref name="path"/> with <paramref name="flags"/> (O_RDONLY, O_RDWR, ... ; O_NONBLOCK and O_CLOEXEC
    /// are added) and reads its kind. Once the kind is one the caller accepts, <see cref="MakeBlocking"/> clears
    /// O_NONBLOCK again.
    /// </summary>
    /// <exception cref="Errors.VirtCryptException">The path cannot be opened (not found, permission denied, ...).</exception>
    internal static OpenedFile Open(string path, int flags, uint mode = 0)
    {
        var handle = new SafeFileDescriptorHandle(open(path, flags | O_NONBLOCK | O_CLOEXEC, mode));
        if (handle.IsInvalid)
        {
            throw CopyErrors.LastError((flags & (O_WRONLY | O_RDWR)) == 0 ? "Opening (read-only)" : "Opening for writing", path);
        }

        try
        {
            var status = FileStatus.Of(handle, path);
            return new OpenedFile(path, handle, status.Kind, status.IsRegularFile ? status.Size : 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Clears O_NONBLOCK, so that reads and writes behave as on any descriptor.</summary>
    internal void MakeBlocking()
    {
        var flags = fcntl(Handle, F_GETFL, 0);
        if (flags < 0 || fcntl(Handle, F_SETFL, flags & ~O_NONBLOCK) != 0)
        {
            throw CopyErrors.LastError("Setting the file flags of", Path);
        }
    }

    public void Dispose() => Handle.Dispose();
}
