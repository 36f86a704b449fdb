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
            ["EACCES"] = EACCES,
            ["EBUSY"] = EBUSY,
            ["EEXIST"] = EEXIST,
            ["ENODEV"] = ENODEV,
            ["EISDIR"] = EISDIR,
            ["EINVAL"] = EINVAL,
            ["ENOTTY"] = ENOTTY,
            ["ENOSPC"] = ENOSPC,
            ["EROFS"] = EROFS,
            ["EOPNOTSUPP"] = EOPNOTSUPP,
        });
    }
}
