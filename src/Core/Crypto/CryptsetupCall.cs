using Microsoft.Extensions.Logging;
using VirtCrypt.Interop;
using VirtCrypt.Threading;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// One serialized stretch of libcryptsetup calls: holds <see cref="CryptsetupGate"/>, routes the library's log lines
/// made meanwhile to a logger and keeps its error lines for the exception that may follow.
/// </summary>
internal sealed class CryptsetupCall
{
    /// <summary>One thread: the calls are serialized anyway.</summary>
    private static readonly Lazy<DedicatedThread> Thread = new(() => new DedicatedThread("VirtCrypt cryptsetup"));

    private readonly ILogger logger;
    private readonly List<string> errors = [];

    private CryptsetupCall(ILogger logger) => this.logger = logger;

    /// <summary>The last error line libcryptsetup logged in this call, if any.</summary>
    internal string? LastError => errors.Count == 0 ? null : errors[^1];

    internal static T Run<T>(ILogger logger, Func<CryptsetupCall, T> work)
    {
        lock (CryptsetupGate.Lock)
        {
            CryptsetupVersion.EnsureCaptured();
            var call = new CryptsetupCall(logger);
            using (CryptsetupLog.Begin(call.OnLog))
            {
                return work(call);
            }
        }
    }

    /// <summary>
    /// Runs on the cryptsetup thread, for calls that derive keys or talk to device-mapper. Cancellation is honoured
    /// until the work starts; a running key derivation or device-mapper call cannot be interrupted.
    /// </summary>
    internal static Task<T> RunAsync<T>(ILogger logger, Func<CryptsetupCall, T> work, CancellationToken cancellationToken) =>
        Thread.Value.RunAsync(() => Run(logger, work), cancellationToken);

    /// <summary>Clears the error lines of calls whose failure was expected and handled.</summary>
    internal void ForgetErrors() => errors.Clear();

    private void OnLog(int level, string line)
    {
        if (level == CRYPT_LOG_ERROR)
        {
            errors.Add(line);
        }

        var logLevel = LevelOf(level);
        CryptsetupLogMessages.Native(logger, logLevel, line);
    }

    private static LogLevel LevelOf(int level) => level switch
    {
        CRYPT_LOG_ERROR => LogLevel.Error,
        CRYPT_LOG_NORMAL => LogLevel.Information,
        CRYPT_LOG_VERBOSE => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
