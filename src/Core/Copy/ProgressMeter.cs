namespace VirtCrypt.Copy;

/// <summary>Turns bytes done into <see cref="CopyProgress"/> reports, at most one per interval plus the last.</summary>
internal sealed class ProgressMeter
{
    private readonly RateMeter rate;
    private readonly IProgress<CopyProgress>? progress;
    private readonly CopyPhase phase;
    private readonly long total;
    private readonly TimeSpan interval;
    private TimeSpan lastReport;
    private long done;

    internal ProgressMeter(IProgress<CopyProgress>? progress, CopyPhase phase, long start, long total, TimeSpan interval, TimeProvider? time = null)
    {
        rate = new RateMeter(start, time);
        this.progress = progress;
        this.phase = phase;
        this.total = total;
        this.interval = interval;
        done = start;
    }

    internal void Advance(long bytes)
    {
        done += bytes;
        var now = rate.Elapsed;
        if (progress is null || (done < total && now - lastReport < interval))
        {
            return;
        }

        lastReport = now;
        progress.Report(rate.Measure(phase, done, total));
    }
}
