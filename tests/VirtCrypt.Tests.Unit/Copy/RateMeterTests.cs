using VirtCrypt.Copy;

namespace VirtCrypt.Tests.Unit.Copy;

[TestFixture]
[Category("Unit")]
public class RateMeterTests
{
    private const long MiB = 1024 * 1024;

    [Test]
    public void Measure_DerivesRateAndTimeLeft_FromTheBytesSinceTheStart()
    {
        var time = new ManualTime();
        var meter = new RateMeter(start: 100 * MiB, time);
        time.Advance(TimeSpan.FromSeconds(4));

        meter.Measure(CopyPhase.Copying, 140 * MiB, 300 * MiB).Should().Be(
            new CopyProgress(CopyPhase.Copying, 140 * MiB, 300 * MiB, 10 * MiB, TimeSpan.FromSeconds(16)));
    }

    [Test]
    public void Measure_WithoutAGivenStart_StartsAtTheFirstReading()
    {
        var time = new ManualTime();
        var meter = new RateMeter(time: time);
        var first = meter.Measure(CopyPhase.Copying, 50 * MiB, 100 * MiB);
        time.Advance(TimeSpan.FromSeconds(5));

        first.BytesPerSecond.Should().Be(0);
        first.Remaining.Should().BeNull("nothing moved yet");
        meter.Measure(CopyPhase.Copying, 60 * MiB, 100 * MiB).Should().Be(
            new CopyProgress(CopyPhase.Copying, 60 * MiB, 100 * MiB, 2 * MiB, TimeSpan.FromSeconds(20)));
    }

    [Test]
    public void Measure_BeforeAnyTimePassed_HasNoRate()
    {
        var meter = new RateMeter(start: 0, new ManualTime());

        meter.Measure(CopyPhase.Verifying, 10, 20).Should().Be(new CopyProgress(CopyPhase.Verifying, 10, 20, 0, null));
    }

    [Test]
    public void ProgressMeter_ReportsAtMostOncePerInterval_AndAlwaysTheLast()
    {
        var time = new ManualTime();
        var reports = new List<CopyProgress>();
        var meter = new ProgressMeter(new SynchronousProgress(reports), CopyPhase.Copying, 0, 30 * MiB, TimeSpan.FromSeconds(1), time);

        time.Advance(TimeSpan.FromSeconds(1));
        meter.Advance(10 * MiB);
        time.Advance(TimeSpan.FromMilliseconds(500));
        meter.Advance(10 * MiB);
        time.Advance(TimeSpan.FromMilliseconds(100));
        meter.Advance(10 * MiB);

        reports.Should().Equal(
            new CopyProgress(CopyPhase.Copying, 10 * MiB, 30 * MiB, 10 * MiB, TimeSpan.FromSeconds(2)),
            new CopyProgress(CopyPhase.Copying, 30 * MiB, 30 * MiB, 30 * MiB / 1.6, TimeSpan.Zero));
    }

    private sealed class SynchronousProgress(List<CopyProgress> reports) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => reports.Add(value);
    }
}
