using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

[TestFixture]
[Category("Unit")]
public class LibvirtVersionTests
{
    [TestCase(9_000_000u, "9.0.0")]
    [TestCase(7_002_000u, "7.2.0")]
    [TestCase(10_010_003u, "10.10.3")]
    public void Decode_SplitsMajorMinorRelease(uint encoded, string expected) =>
        LibvirtVersion.Decode(encoded).Should().Be(expected);
}
