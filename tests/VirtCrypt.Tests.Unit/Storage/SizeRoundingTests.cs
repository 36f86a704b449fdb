using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Unit.Storage;

[TestFixture]
[Category("Unit")]
public class SizeRoundingTests
{
    private const long MiB = 1 << 20;

    [TestCase(4 * MiB, 4 * MiB, 1, 4 * MiB)]
    [TestCase(1, 4 * MiB, 1, 4 * MiB)]
    [TestCase(4 * MiB + 1, 4 * MiB, 2, 8 * MiB)]
    [TestCase(10 * MiB + 16 * MiB, 4 * MiB, 7, 28 * MiB)]
    [TestCase(5 * MiB, MiB, 5, 5 * MiB)]
    [TestCase(512, 512, 1, 512)]
    public void RoundUp_AllocatesWholeExtents(long requested, long extent, long extents, long allocated)
    {
        var rounding = SizeRounding.RoundUp(requested, extent);

        rounding.Extents.Should().Be(extents);
        rounding.AllocatedBytes.Should().Be(allocated);
        rounding.AddedBytes.Should().Be(allocated - requested);
        rounding.IsRounded.Should().Be(allocated != requested);
    }

    [Test]
    public void RoundUp_OfTheLargestSizes_DoesNotOverflow()
    {
        var largest = long.MaxValue - 4 * MiB;
        SizeRounding.RoundUp(largest, 4 * MiB).AllocatedBytes.Should().BeGreaterThanOrEqualTo(largest);
        FluentActions.Invoking(() => SizeRounding.RoundUp(largest + 1, 4 * MiB)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [TestCase(0, 4 * MiB)]
    [TestCase(-1, 4 * MiB)]
    [TestCase(MiB, 0)]
    public void RoundUp_RefusesSizesThatAreNotPositive(long requested, long extent) =>
        FluentActions.Invoking(() => SizeRounding.RoundUp(requested, extent)).Should().Throw<ArgumentOutOfRangeException>();

    [TestCase(0, "0 B")]
    [TestCase(1023, "1023 B")]
    [TestCase(1024, "1 KiB")]
    [TestCase(62914560, "60 MiB")]
    [TestCase(1610612736, "1.5 GiB")]
    [TestCase(4398046511104, "4 TiB")]
    public void ByteCount_FormatsInBinaryUnits(long bytes, string expected)
    {
        ByteCount.Format(bytes).Should().Be(expected);
        ByteCount.WithBytes(bytes).Should().Be($"{expected} ({bytes} bytes)");
    }
}
