namespace VirtCrypt.Storage;

/// <summary>
/// LVM's file locks, waited for here instead of inside liblvm2cmd. LVM's own wait blocks in flock(2) with its own
/// SIGINT handler installed for the whole process, so a Ctrl+C during the wait never reaches .NET (and the blocked
/// thread is often not the one the signal interrupts). Every command therefore runs with
/// <c>global/wait_for_locks=0</c>: a busy lock fails the command before it changed anything, and it is run again
/// after a pause that cancellation ends at once.
/// </summary>
internal static class LvmLockWait
{
    /// <summary>The <c>--config</c> value that makes LVM fail instead of waiting for a lock.</summary>
    internal const string NoWaitConfig = "global/wait_for_locks=0";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>Whether the command failed only because another LVM command held a lock it needs.</summary>
    internal static bool FoundLockBusy(LvmOutput output) =>
        !output.Succeeded && output.Lines.Any(l => l.IsError &&
            (l.Text.Contains("flock failed", StringComparison.Ordinal) || l.Text.StartsWith("Can't get lock", StringComparison.Ordinal)));

    /// <summary>The pause before the next attempt: doubling from 50 ms up to 1 s.</summary>
    internal static TimeSpan Next(TimeSpan? previous) =>
        previous is { } pause ? TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks)) : FirstPause;

    /// <summary>Waits <paramref name="pause"/>, or throws as soon as <paramref name="cancellationToken"/> is cancelled.</summary>
    internal static void Pause(TimeSpan pause, string commandLine, CancellationToken cancellationToken)
    {
        if (cancellationToken.WaitHandle.WaitOne(pause))
        {
            throw new OperationCanceledException($"Interrupted while waiting for an LVM lock (lvm {commandLine}); nothing was changed by that command.", cancellationToken);
        }
    }
}
