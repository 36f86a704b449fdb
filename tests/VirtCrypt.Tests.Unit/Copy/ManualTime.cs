namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    internal void Advance(TimeSpan by) => ticks += by.Ticks;
}
