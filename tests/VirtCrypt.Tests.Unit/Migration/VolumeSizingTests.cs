using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class VolumeSizingTests
{
    private const long MiB = 1 << 20;
    private const long Extent = 4 * MiB;

    [Test]
    public void Luks2_ExtentAlignedSource_AddsExactlyTheHeader()
    {
        var layout = VolumeSizing.Plan(10_240 * MiB, Extent, VolumeSizing.Luks2HeaderBytes);

        layout.LvBytes.Should().Be(10_256 * MiB);
        layout.DataOffsetBytes.Should().Be(16 * MiB);
        layout.MappedBytes.Should().Be(10_240 * MiB);
        layout.IsExactSize.Should().BeTrue();
        layout.Note.Should().BeNull();
    }

    [Test]
    public void Luks1_UsesItsSmallerHeader()
    {
        var layout = VolumeSizing.Plan(64 * MiB, Extent, VolumeSizing.Luks1HeaderBytes);

        layout.LvBytes.Should().Be(68 * MiB);
        layout.DataOffsetBytes.Should().Be(4 * MiB, "the 2 MiB header plus the 2 MiB the extent rounding adds");
        layout.MappedBytes.Should().Be(64 * MiB);
    }

    [Test]
    public void UnalignedSource_PutsTheRoundingSlackIntoTheDataOffset()
    {
        var source = 1000 * MiB + 512 * 1024;

        var layout = VolumeSizing.Plan(source, Extent, VolumeSizing.Luks2HeaderBytes);

        layout.LvBytes.Should().Be(1020 * MiB);
        layout.DataOffsetBytes.Should().Be(1020 * MiB - source);
        layout.MappedBytes.Should().Be(source);
        layout.IsExactSize.Should().BeTrue();
    }

    [Test]
    public void SourceNotAMultipleOf4096_CannotBeExact_AndSaysWhy()
    {
        var source = 64 * MiB + 512;

        var layout = VolumeSizing.Plan(source, Extent, VolumeSizing.Luks2HeaderBytes);

        layout.MappedBytes.Should().Be(64 * MiB + 4096);
        layout.IsExactSize.Should().BeFalse();
        layout.Note.Should().Contain("not a multiple of 4096").And.Contain("GPT");
        (layout.DataOffsetBytes % 4096).Should().Be(0);
    }

    [Test]
    public void Margin_GrowsTheMappedDisk()
    {
        var layout = VolumeSizing.Plan(64 * MiB, Extent, VolumeSizing.Luks2HeaderBytes, marginBytes: 8 * MiB);

        layout.MappedBytes.Should().Be(72 * MiB);
        layout.LvBytes.Should().Be(88 * MiB);
        layout.Note.Should().Contain("margin");
    }

    [Test]
    public void EveryLayout_IsConsistent([Random(1, long.MaxValue / 4, 200)] long source)
    {
        var layout = VolumeSizing.Plan(source, 32 * MiB, VolumeSizing.Luks2HeaderBytes);

        (layout.LvBytes % (32 * MiB)).Should().Be(0);
        (layout.DataOffsetBytes % 4096).Should().Be(0);
        layout.DataOffsetBytes.Should().BeGreaterThanOrEqualTo(VolumeSizing.Luks2HeaderBytes);
        layout.DataOffsetBytes.Should().BeLessThan(VolumeSizing.Luks2HeaderBytes + 32 * MiB + 4096);
        (layout.LvBytes - layout.DataOffsetBytes).Should().Be(layout.MappedBytes);
        layout.MappedBytes.Should().BeInRange(source, source + 4095);
    }

    [Test]
    public void NonsenseSizes_AreRejected()
    {
        FluentActions.Invoking(() => VolumeSizing.Plan(0, Extent, VolumeSizing.Luks2HeaderBytes)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => VolumeSizing.Plan(MiB, 1000, VolumeSizing.Luks2HeaderBytes)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => VolumeSizing.Plan(long.MaxValue - 10, Extent, VolumeSizing.Luks2HeaderBytes)).Should().Throw<OverflowException>();
    }
}
