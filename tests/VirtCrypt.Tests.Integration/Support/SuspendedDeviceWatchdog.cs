namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// Resumes a device-mapper device still suspended after <c>patience</c>, so that a read blocked on it ends and the test
/// fails instead of hanging; disposing stops it.
/// </summary>
internal sealed class SuspendedDeviceWatchdog : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<bool> rescue;

    internal SuspendedDeviceWatchdog(string name, TimeSpan patience) =>
        rescue = Task.Delay(patience, stop.Token).ContinueWith(t => !t.IsCanceled && Dmsetup.ResumeIfSuspended(name), TaskScheduler.Default);

    /// <summary>Stops watching; true when it had to resume the device.</summary>
    internal async Task<bool> StopAsync()
    {
        await stop.CancelAsync();
        return await rescue;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }
}
