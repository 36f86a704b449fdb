using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Tests.Native.Abi;

[TestFixture]
[Category("Native")]
public class LibcFileStatusAbiTests
{
    [Test]
    public void Statx_MatchesTheHeader()
    {
        var header = CProgram.RunAbiProbe("statx.c");

        header.Should().Equal(new Dictionary<string, long>
        {
            ["sizeof.statx"] = Marshal.SizeOf<Statx>(),
            ["offsetof.statx.stx_mask"] = Offset(nameof(Statx.stx_mask)),
            ["offsetof.statx.stx_nlink"] = Offset(nameof(Statx.stx_nlink)),
            ["offsetof.statx.stx_uid"] = Offset(nameof(Statx.stx_uid)),
            ["offsetof.statx.stx_gid"] = Offset(nameof(Statx.stx_gid)),
            ["offsetof.statx.stx_mode"] = Offset(nameof(Statx.stx_mode)),
            ["offsetof.statx.stx_ino"] = Offset(nameof(Statx.stx_ino)),
            ["offsetof.statx.stx_size"] = Offset(nameof(Statx.stx_size)),
            ["offsetof.statx.stx_dev_major"] = Offset(nameof(Statx.stx_dev_major)),
            ["offsetof.statx.stx_dev_minor"] = Offset(nameof(Statx.stx_dev_minor)),
        });
    }

    private static long Offset(string field) => Marshal.OffsetOf<Statx>(field).ToInt64();
}
