using Microsoft.Extensions.Logging;

namespace VirtCrypt.Tests.Native.Hosting;

/// <summary>A logging provider that keeps every entry with its category, to check which logger a service was given.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(string Category, string Message)> entries = [];

    internal IReadOnlyList<(string Category, string Message)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, string message)
    {
        lock (entries)
        {
            entries.Add((category, message));
        }
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(category, formatter(state, exception));
    }
}
