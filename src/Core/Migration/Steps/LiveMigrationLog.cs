using Microsoft.Extensions.Logging;

namespace VirtCrypt.Migration.Steps;

/// <summary>The log messages of the Live steps.</summary>
internal static partial class LiveMigrationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort the mirror of {Disk}; check it with virsh blockjob")]
    internal static partial void AbortFailed(ILogger logger, string disk, Exception exception);
}
