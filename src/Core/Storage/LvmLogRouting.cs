using Microsoft.Extensions.Logging;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Storage;

/// <summary>
/// Routes LVM's log lines to an <see cref="ILogger"/>: errors as errors, "WARNING" lines as warnings, printed output
/// as information, LVM's verbose levels as debug and its debug level and report lines as trace, so the noise stays
/// out of any log configured at the usual Information level. Lines are logged after the native call has returned,
/// so a logger's exception cannot cross the native callback.
/// </summary>
internal static partial class LvmLogRouting
{
    internal static LogLevel LevelOf(LvmLogLine line) => line.Level switch
    {
        <= LVM2_LOG_ERROR => LogLevel.Error,
        LVM2_LOG_PRINT when line.Text.StartsWith("WARNING", StringComparison.Ordinal) => LogLevel.Warning,
        LVM2_LOG_PRINT => LogLevel.Information,
        LVM2_LOG_VERBOSE or LVM2_LOG_VERY_VERBOSE => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    internal static void Finished(ILogger logger, LvmOutput output)
    {
        foreach (var line in output.Lines)
        {
            var level = LevelOf(line);
            if (logger.IsEnabled(level))
            {
                Line(logger, level, line.Text);
            }
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            foreach (var line in output.ReportLines)
            {
                ReportLine(logger, line);
            }
        }

        Returned(logger, output.CommandLine, output.ReturnCode);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "lvm {CommandLine}")]
    internal static partial void Starting(ILogger logger, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for a lock another LVM command holds (lvm {CommandLine})")]
    internal static partial void WaitingForLock(ILogger logger, string commandLine);

    [LoggerMessage(Message = "LVM: {Text}")]
    private static partial void Line(ILogger logger, LogLevel level, string text);

    [LoggerMessage(Level = LogLevel.Trace, Message = "LVM report: {Line}")]
    private static partial void ReportLine(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "lvm {CommandLine} returned {ReturnCode}")]
    private static partial void Returned(ILogger logger, string commandLine, int returnCode);
}
