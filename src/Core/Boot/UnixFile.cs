using Microsoft.Win32.SafeHandles;
using VirtCrypt.Copy;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Boot;

/// <summary>Opens a configuration file to read without following a link or blocking on a FIFO.</summary>
internal static class UnixFile
{
    /// <summary>Opens <paramref name="path"/> to read, failing on a symbolic link and never blocking on a FIFO.</summary>
    internal static SafeFileHandle OpenToRead(string path)
    {
        var fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw CopyErrors.LastError("Opening", path);
    }
}
