using Microsoft.Extensions.Logging;

namespace VirtCrypt.Copy;

/// <summary>The copy engine's log messages.</summary>
internal static partial class CopyLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "O_DIRECT is not available for {Path} ({Reason}): using buffered I/O")]
    internal static partial void DirectIoUnavailable(this ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "BLKZEROOUT is not supported by {Path}: writing zeros instead")]
    internal static partial void ZeroOutUnsupported(this ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copying {Source} ({Format}, {Size} bytes) onto {Target} from offset {Offset}")]
    internal static partial void CopyStarting(this ILogger logger, string source, DiskFormat format, long size, string target, long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checkpoint: {Offset} bytes of {Target} are durable")]
    internal static partial void CheckpointReached(this ILogger logger, string target, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified {Target} against {Source}: {Size} bytes identical")]
    internal static partial void Verified(this ILogger logger, string source, string target, long size);
}
