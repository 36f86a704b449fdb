using System.Diagnostics;

namespace VirtCrypt.Copy;

/// <summary>Turns bytes done into <see cref="CopyProgress"/> reports, at most one per interval plus the last.</summary>
internal sealed class ProgressMeter
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly IProgress<CopyProgress>? progress;
    private readonly CopyPhase phase;
    private readonly long start;
    private readonly long total;
    private readonly TimeSpan interval;
    private TimeSpan lastReport;
    private long done;

    internal ProgressMeter(IProgress<CopyProgress>? progress, CopyPhase phase, long start, long total, TimeSpan interval)
    {
        this.progress = progress;
        this.phase = phase;
        this.start = start;
        this.total = total;
        this.interval = interval;
        done = start;
    }

    internal void Advance(long bytes)
    {
        done += bytes;
        var now = clock.Elapsed;
        if (progress is null || (done < total && now - lastReport < interval))
        {
            return;
        }

        lastReport = now;
        var rate = now > TimeSpan.Zero ? (done - start) / now.TotalSeconds : 0;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null;
        progress.Report(new CopyProgress(phase, done, total, rate, remaining));
    }
}
