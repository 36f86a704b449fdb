namespace VirtCrypt.Copy;

/// <summary>
/// The rate and time left of a copy, from the bytes done since the meter's start: the position it was given, else its
/// first reading (a block job's, which may resume a copy half done).
/// </summary>
internal sealed class RateMeter
{
    private readonly TimeProvider time;
    private readonly long started;
    private long? start;

    internal RateMeter(long? start = null, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        started = this.time.GetTimestamp();
        this.start = start;
    }

    /// <summary>The time since the meter was made.</summary>
    internal TimeSpan Elapsed => time.GetElapsedTime(started);

    /// <summary>The progress at <paramref name="done"/> of <paramref name="total"/> bytes; no rate or time left before any byte moved.</summary>
    internal CopyProgress Measure(CopyPhase phase, long done, long total)
    {
        start ??= done;
        var elapsed = Elapsed;
        var rate = elapsed > TimeSpan.Zero ? (done - start.Value) / elapsed.TotalSeconds : 0;
        TimeSpan? left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null;
        return new CopyProgress(phase, done, total, rate, left);
    }
}
