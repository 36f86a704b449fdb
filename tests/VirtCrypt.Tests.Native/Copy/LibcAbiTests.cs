using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Tests.Native.Copy;

[TestFixture]
[Category("Native")]
public class LibcAbiTests
{
    [Test]
    public void Constants_MatchTheHeaders()
    {
        var header = CProgram.RunAbiProbe("libc.c");

        header.Should().Equal(new Dictionary<string, long>
        {
            ["O_RDONLY"] = O_RDONLY,
            ["O_WRONLY"] = O_WRONLY,
            ["O_RDWR"] = O_RDWR,
            ["O_CREAT"] = O_CREAT,
            ["O_EXCL"] = O_EXCL,
            ["O_NONBLOCK"] = O_NONBLOCK,
            ["O_NOFOLLOW"] = O_NOFOLLOW,
            ["O_DIRECT"] = O_DIRECT,
            ["O_CLOEXEC"] = O_CLOEXEC,
            ["O_DIRECTORY"] = O_DIRECTORY,
            ["SEEK_SET"] = SEEK_SET,
            ["SEEK_END"] = SEEK_END,
            ["SEEK_DATA"] = SEEK_DATA,
            ["SEEK_HOLE"] = SEEK_HOLE,
            ["POSIX_FADV_SEQUENTIAL"] = POSIX_FADV_SEQUENTIAL,
            ["POSIX_FADV_DONTNEED"] = POSIX_FADV_DONTNEED,
            ["BLKGETSIZE64"] = BLKGETSIZE64,
            ["BLKZEROOUT"] = BLKZEROOUT,
            ["sizeof.off_t"] = sizeof(long),
            ["EPERM"] = EPERM,
            ["ENOENT"] = ENOENT,
            ["EINTR"] = EINTR,
            ["ENXIO"] = ENXIO,
            ["EAGAIN"] = EAGAIN,
            ["EACCES"] = EACCES,
            ["EBUSY"] = EBUSY,
            ["EEXIST"] = EEXIST,
            ["ENOTDIR"] = ENOTDIR,
            ["EISDIR"] = EISDIR,
            ["EINVAL"] = EINVAL,
            ["ENOTTY"] = ENOTTY,
            ["ENOSPC"] = ENOSPC,
            ["EROFS"] = EROFS,
            ["EOPNOTSUPP"] = EOPNOTSUPP,
            ["ELOOP"] = ELOOP,
            ["LOCK_EX"] = LOCK_EX,
            ["LOCK_NB"] = LOCK_NB,
            ["AT_FDCWD"] = AT_FDCWD,
            ["AT_SYMLINK_NOFOLLOW"] = AT_SYMLINK_NOFOLLOW,
            ["AT_EMPTY_PATH"] = AT_EMPTY_PATH,
            ["STATX_BASIC_STATS"] = STATX_BASIC_STATS,
            ["S_IFMT"] = S_IFMT,
            ["S_IFREG"] = S_IFREG,
            ["S_IFDIR"] = S_IFDIR,
            ["S_IFLNK"] = S_IFLNK,
            ["sizeof.statx"] = Marshal.SizeOf<statx_buffer>(),
            ["offsetof.statx.stx_mask"] = Offset("stx_mask"),
            ["offsetof.statx.stx_nlink"] = Offset("stx_nlink"),
            ["offsetof.statx.stx_uid"] = Offset("stx_uid"),
            ["offsetof.statx.stx_mode"] = Offset("stx_mode"),
            ["offsetof.statx.stx_size"] = Offset("stx_size"),
        });
    }

    private static long Offset(string field) => Marshal.OffsetOf<statx_buffer>(field).ToInt64();
}
