using Microsoft.Extensions.Logging;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>Keeps what is logged, to check what reaches a caller's logger.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    internal List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
