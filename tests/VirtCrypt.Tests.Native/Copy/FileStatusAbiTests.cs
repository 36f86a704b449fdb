using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Tests.Native.Copy;

/// <summary>
/// The C# <c>struct stat64</c> against glibc's, field for field where VirtCrypt reads it (the file-type constants are
/// compared with the headers by Abi/InteropConstantsTests).
/// </summary>
[TestFixture]
[Category("Native")]
public class FileStatusAbiTests
{
    [Test]
    public void Stat64_MatchesTheHeader() =>
        CProgram.RunAbiProbe("filestatus.c").Should().Equal(new Dictionary<string, long>
        {
            ["sizeof.stat64"] = Marshal.SizeOf<stat64>(),
            ["offsetof.stat64.st_mode"] = Marshal.OffsetOf<stat64>(nameof(stat64.st_mode)).ToInt64(),
            ["offsetof.stat64.st_uid"] = Marshal.OffsetOf<stat64>(nameof(stat64.st_uid)).ToInt64(),
            ["offsetof.stat64.st_rdev"] = Marshal.OffsetOf<stat64>(nameof(stat64.st_rdev)).ToInt64(),
            ["offsetof.stat64.st_size"] = Marshal.OffsetOf<stat64>(nameof(stat64.st_size)).ToInt64(),
            ["offsetof.stat64.st_mtim"] = Marshal.OffsetOf<stat64>(nameof(stat64.st_mtime)).ToInt64(),
        });
}
