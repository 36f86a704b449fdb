using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class DurationEstimateTests
{
    private const long MiB = 1L << 20;

    [Test]
    public void EachByte_IsReadAndWrittenAtTheReadRate_AndEncryptedAtTheCipherRate()
    {
        // 200 GiB: read and written at 100 MiB/s (2 × 2048 s), encrypted at 2048 MiB/s (100 s).
        var estimate = DurationEstimate.For(200L << 30, 100 * MiB, 2048 * MiB);

        estimate.Duration.Should().Be(TimeSpan.FromSeconds(4196));
        estimate.ReadBytesPerSecond.Should().Be(100 * MiB);
        estimate.CipherBytesPerSecond.Should().Be(2048 * MiB);
    }

    [Test]
    public void ACipherRateNotMeasured_AddsNothing() =>
        DurationEstimate.For(512 * MiB, 64 * MiB, 0).Duration.Should().Be(TimeSpan.FromSeconds(16));

    [Test]
    public void PartsOfASecond_RoundUp() =>
        DurationEstimate.For(3 * MiB, 4 * MiB, 0).Duration.Should().Be(TimeSpan.FromSeconds(2));

    [TestCase(-1L, 1L, 0L)]
    [TestCase(1L, 0L, 0L)]
    [TestCase(1L, 1L, -1L)]
    public void ANegativeSizeOrRate_OrNoReadRate_IsRefused(long bytes, long read, long cipher)
    {
        var estimate = () => DurationEstimate.For(bytes, read, cipher);

        estimate.Should().Throw<ArgumentOutOfRangeException>();
    }
}
