namespace VirtCrypt.Interop;

/// <summary>
/// Routes a native library's log callback to a per-thread sink. Native libraries here call their log function on
/// the thread that made the call, so the sink set by a caller sees exactly the lines its own call produced.
/// </summary>
internal sealed class NativeLogCapture
{
    [ThreadStatic]
    private static Dictionary<NativeLogCapture, Action<int, string>>? sinks;

    /// <summary>Sends this library's log lines on the current thread to <paramref name="sink"/> until disposed.</summary>
    internal Scope Capture(Action<int, string> sink)
    {
        sinks ??= [];
        sinks.TryGetValue(this, out var previous);
        sinks[this] = sink;
        return new Scope(sinks, this, previous);
    }

    internal void Deliver(int level, string message)
    {
        if (sinks is not null && sinks.TryGetValue(this, out var sink))
        {
            sink(level, message);
        }
    }

    /// <summary>Restores the previous sink of the thread that began the scope when disposed.</summary>
    internal readonly struct Scope(
        Dictionary<NativeLogCapture, Action<int, string>> threadSinks, NativeLogCapture owner, Action<int, string>? previous)
        : IDisposable
    {
        public void Dispose()
        {
            if (previous is null)
            {
                threadSinks.Remove(owner);
            }
            else
            {
                threadSinks[owner] = previous;
            }
        }
    }
}
