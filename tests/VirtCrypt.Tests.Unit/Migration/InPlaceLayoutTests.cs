using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class InPlaceLayoutTests
{
    private const long MiB = 1L << 20;

    [TestCase(4 * MiB, 16 * MiB)]
    [TestCase(32 * MiB, 32 * MiB)]
    [TestCase(3 * MiB, 18 * MiB)]
    public void TheHeader_TakesWholeExtents_AtLeast16MiB(long extent, long header) =>
        InPlacePlanChecks.HeaderBytes(extent).Should().Be(header);

    [Test]
    public void TheLv_GrowsByTheHeaderOnly_AndTheGuestKeepsItsSize()
    {
        var layout = InPlacePlanChecks.Layout(200L << 30, 4 * MiB);

        layout.Should().Be(new VolumeLayout(200L << 30, (200L << 30) + (16 * MiB), 16 * MiB, 200L << 30, null));
        layout.IsExactSize.Should().BeTrue();
    }
}
