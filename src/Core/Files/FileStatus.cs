using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VirtCrypt.Copy;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Files;

/// <summary>
/// What is at a path or behind an open file, from statx(2) (.NET has no API for the owner or the inode): its kind,
/// permission bits, owner, size and identity.
/// </summary>
/// <param name="Kind">Regular file, directory, symbolic link (when not followed), device, ...</param>
/// <param name="Permissions">The permission bits, setuid, setgid and sticky included.</param>
/// <param name="Owner">The owner's uid.</param>
/// <param name="Group">The group's gid.</param>
/// <param name="Size">The size in bytes (of a regular file; 0 for a device).</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The device the file is on, as major:minor.</param>
internal readonly record struct FileStatus(FileKind Kind, UnixFileMode Permissions, uint Owner, uint Group, long Size, ulong Inode, (uint Major, uint Minor) Device)
{
    private const string Reading = "Reading the status of";

    /// <summary>The effective uid of this process: the owner VirtCrypt requires of the files and directories it trusts.</summary>
    internal static uint EffectiveUser => geteuid();

    internal bool IsRegularFile => Kind == FileKind.RegularFile;

    internal bool IsSymbolicLink => Kind == FileKind.SymbolicLink;

    /// <summary>True when its group or anyone else may write to it.</summary>
    internal bool IsWritableByOthers => (Permissions & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    /// <summary>The permission bits as chmod writes them, for example <c>0755</c>.</summary>
    internal string OctalMode => "0" + Convert.ToString((int)Permissions, 8);

    /// <summary>"a regular file", "a FIFO (named pipe)", ... for messages.</summary>
    internal string KindName => Describe(Kind);

    /// <summary>Whether both describe the same file (inode and device).</summary>
    internal bool IsSameFileAs(FileStatus other) => Inode == other.Inode && Device == other.Device;

    /// <summary>The entry at <paramref name="path"/> itself (a symbolic link is not followed), or null when there is none.</summary>
    internal static FileStatus? OfEntry(string path) => OfPath(path, AT_SYMLINK_NOFOLLOW);

    /// <summary>What <paramref name="path"/> leads to (symbolic links followed), or null when nothing is there.</summary>
    internal static FileStatus? OfTarget(string path) => OfPath(path, 0);

    /// <summary>The file open as <paramref name="fd"/>; <paramref name="path"/> names it in an error.</summary>
    internal static FileStatus Of(SafeFileDescriptorHandle fd, string path) =>
        statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, out var buffer) == 0 ? From(buffer) : throw CopyErrors.LastError(Reading, path);

    /// <summary>The file open as <paramref name="file"/>; <paramref name="path"/> names it in an error.</summary>
    internal static FileStatus Of(SafeFileHandle file, string path) =>
        statx(file, "", AT_EMPTY_PATH, STATX_BASIC_STATS, out var buffer) == 0 ? From(buffer) : throw CopyErrors.LastError(Reading, path);

    /// <summary>"root" for uid 0, otherwise "uid N".</summary>
    internal static string OwnerName(uint uid) => uid == 0 ? "root" : string.Create(CultureInfo.InvariantCulture, $"uid {uid}");

    /// <summary>"a FIFO (named pipe)", "a directory", ...: for messages that say what a path is instead.</summary>
    internal static string Describe(FileKind kind) => kind switch
    {
        FileKind.RegularFile => "a regular file",
        FileKind.BlockDevice => "a block device",
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "a file of unknown type",
    };

    private static FileStatus? OfPath(string path, int flags)
    {
        if (statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, out var buffer) == 0)
        {
            return From(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw CopyErrors.ForErrno(errno, Reading, path);
    }

    private static FileStatus From(Statx buffer) => new(
        (buffer.stx_mode & S_IFMT) switch
        {
            S_IFREG => FileKind.RegularFile,
            S_IFBLK => FileKind.BlockDevice,
            S_IFDIR => FileKind.Directory,
            S_IFCHR => FileKind.CharacterDevice,
            S_IFIFO => FileKind.Fifo,
            S_IFSOCK => FileKind.Socket,
            S_IFLNK => FileKind.SymbolicLink,
            _ => FileKind.Other,
        },
        (UnixFileMode)(buffer.stx_mode & 0xfff),
        buffer.stx_uid,
        buffer.stx_gid,
        (long)buffer.stx_size,
        buffer.stx_ino,
        (buffer.stx_dev_major, buffer.stx_dev_minor));
}
