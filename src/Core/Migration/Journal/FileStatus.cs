using System.Globalization;
using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Migration.Journal;

/// <summary>What a directory entry is; a symbolic link is reported as such, never as what it points to.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Other,
}

/// <summary>A file's kind, owner, permission bits and size, from statx(2) (.NET has no API for the owner).</summary>
internal readonly record struct FileStatus(FileKind Kind, uint Owner, UnixFileMode Mode, long Size)
{
    /// <summary>The effective uid of this process: the owner VirtCrypt requires of the files and directories it trusts.</summary>
    internal static uint EffectiveUser => geteuid();

    /// <summary>True when its group or anyone else may write to it.</summary>
    internal bool IsWritableByOthers => (Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    /// <summary>The permission bits as chmod writes them, for example <c>0755</c>.</summary>
    internal string OctalMode => "0" + Convert.ToString((int)Mode, 8);

    /// <summary>The entry at <paramref name="path"/> itself (a symbolic link is not followed), or null when there is none.</summary>
    internal static FileStatus? OfEntry(string path) => OfPath(path, AT_SYMLINK_NOFOLLOW);

    /// <summary>What <paramref name="path"/> leads to (symbolic links followed), or null when nothing is there.</summary>
    internal static FileStatus? OfTarget(string path) => OfPath(path, 0);

    /// <summary>The file open as <paramref name="fd"/>; <paramref name="path"/> names it in an error.</summary>
    internal static FileStatus Of(SafeFileDescriptorHandle fd, string path) =>
        statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, out var buffer) == 0
            ? From(buffer)
            : throw Failure(path, Marshal.GetLastPInvokeError());

    /// <summary>"root" for uid 0, otherwise "uid N".</summary>
    internal static string OwnerName(uint uid) => uid == 0 ? "root" : string.Create(CultureInfo.InvariantCulture, $"uid {uid}");

    /// <summary>"a symbolic link", "a directory", ... for messages.</summary>
    internal string KindName => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "a device, FIFO or socket",
    };

    private static FileStatus? OfPath(string path, int flags)
    {
        if (statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, out var buffer) == 0)
        {
            return From(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw Failure(path, errno);
    }

    private static FileStatus From(Statx buffer)
    {
        var kind = (buffer.stx_mode & S_IFMT) switch
        {
            S_IFREG => FileKind.Regular,
            S_IFDIR => FileKind.Directory,
            S_IFLNK => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, buffer.stx_uid, (UnixFileMode)(buffer.stx_mode & 0xfff), (long)buffer.stx_size);
    }

    private static VirtCryptException Failure(string path, int errno) =>
        new($"Cannot read the status of {path}: {Marshal.GetPInvokeErrorMessage(errno)}.", new NativeError(NativeLibraryKind.Libc, errno));
}
