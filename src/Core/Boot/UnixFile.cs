using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VirtCrypt.Copy;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Boot;

/// <summary>What is at a path, as statx(2) tells it without following a symbolic link.</summary>
/// <param name="Type">The file type bits (<c>S_IFREG</c>, <c>S_IFLNK</c>, ...).</param>
/// <param name="Permissions">The permission bits, setuid, setgid and sticky included.</param>
/// <param name="Owner">The owner's uid.</param>
/// <param name="Group">The group's gid.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The device the file is on, as major:minor.</param>
internal sealed record UnixFileStatus(uint Type, UnixFileMode Permissions, uint Owner, uint Group, ulong Inode, (uint Major, uint Minor) Device)
{
    internal bool IsRegularFile => Type == S_IFREG;

    internal bool IsSymbolicLink => Type == S_IFLNK;

    /// <summary>The file type in words, for messages.</summary>
    internal string Kind => Type switch
    {
        S_IFREG => "a regular file",
        S_IFDIR => "a directory",
        S_IFLNK => "a symbolic link",
        S_IFCHR => "a character device",
        S_IFBLK => "a block device",
        S_IFIFO => "a FIFO (named pipe)",
        S_IFSOCK => "a socket",
        _ => "a file of unknown type",
    };

    /// <summary>Whether both describe the same file (inode and device).</summary>
    internal bool IsSameFileAs(UnixFileStatus other) => Inode == other.Inode && Device == other.Device;
}

/// <summary>The system calls behind writing a file in place of another one without following links.</summary>
internal static class UnixFile
{
    private const uint TypeModeOwnerInode = STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_INO;

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); null when nothing is there.</summary>
    internal static UnixFileStatus? StatusOf(string path)
    {
        if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, TypeModeOwnerInode, out var status) == 0)
        {
            return From(status);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw CopyErrors.ForErrno(errno, "Inspecting", path);
    }

    /// <summary>The status of an open file.</summary>
    internal static UnixFileStatus StatusOf(SafeFileHandle file, string path) =>
        statx(file, "", AT_EMPTY_PATH, TypeModeOwnerInode, out var status) == 0
            ? From(status)
            : throw CopyErrors.LastError("Inspecting", path);

    /// <summary>Opens <paramref name="path"/> to read, failing on a symbolic link and never blocking on a FIFO.</summary>
    internal static SafeFileHandle OpenToRead(string path) =>
        Opened(open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0), "Opening", path);


    private static SafeFileHandle Opened(int fd, string operation, string path) =>
        fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw CopyErrors.LastError(operation, path);

    private static UnixFileStatus From(Statx status) => new(
        status.stx_mode & S_IFMT,
        (UnixFileMode)(status.stx_mode & 0xFFF),
        status.stx_uid,
        status.stx_gid,
        status.stx_ino,
        (status.stx_dev_major, status.stx_dev_minor));
}
