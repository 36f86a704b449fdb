using VirtCrypt.Tests.Native.Support;

namespace VirtCrypt.Tests.Native.Copy;

[TestFixture]
[Category("Native")]
public class LibcAbiTests
{
    [Test]
    public void OffT_Is64Bit_AsTheFileCallsAssume() =>
        CProgram.RunAbiProbe("libc.c").Should().Equal(new Dictionary<string, long> { ["sizeof.off_t"] = sizeof(long) });
}
