using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Tests.Native.Abi;

[TestFixture]
[Category("Native")]
public class LibcFileStatusAbiTests
{
    [Test]
    public void StatxAndTheFileTypeConstants_MatchTheHeaders()
    {
        var header = CProgram.RunAbiProbe("statx.c");

        header.Should().Equal(new Dictionary<string, long>
        {
            ["sizeof.statx"] = Marshal.SizeOf<Statx>(),
            ["offsetof.statx.stx_mask"] = Offset(nameof(Statx.stx_mask)),
            ["offsetof.statx.stx_uid"] = Offset(nameof(Statx.stx_uid)),
            ["offsetof.statx.stx_gid"] = Offset(nameof(Statx.stx_gid)),
            ["offsetof.statx.stx_mode"] = Offset(nameof(Statx.stx_mode)),
            ["offsetof.statx.stx_ino"] = Offset(nameof(Statx.stx_ino)),
            ["offsetof.statx.stx_dev_major"] = Offset(nameof(Statx.stx_dev_major)),
            ["offsetof.statx.stx_dev_minor"] = Offset(nameof(Statx.stx_dev_minor)),
            ["STATX_TYPE_MODE_OWNER_INO"] = STATX_TYPE_MODE_OWNER_INO,
            ["O_NONBLOCK"] = O_NONBLOCK,
            ["O_NOFOLLOW"] = O_NOFOLLOW,
            ["AT_FDCWD"] = AT_FDCWD,
            ["AT_SYMLINK_NOFOLLOW"] = AT_SYMLINK_NOFOLLOW,
            ["AT_EMPTY_PATH"] = AT_EMPTY_PATH,
            ["S_IFMT"] = S_IFMT,
            ["S_IFSOCK"] = S_IFSOCK,
            ["S_IFLNK"] = S_IFLNK,
            ["S_IFREG"] = S_IFREG,
            ["S_IFBLK"] = S_IFBLK,
            ["S_IFDIR"] = S_IFDIR,
            ["S_IFCHR"] = S_IFCHR,
            ["S_IFIFO"] = S_IFIFO,
            ["ENOTDIR"] = ENOTDIR,
            ["ELOOP"] = ELOOP,
        });
    }

    private static long Offset(string field) => Marshal.OffsetOf<Statx>(field).ToInt64();
}
