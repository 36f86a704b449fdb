using Microsoft.Extensions.Logging;

namespace VirtCrypt.Libvirt;

/// <summary>The log messages of the libvirt layer.</summary>
internal static partial class LibvirtLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Uri} (libvirt {LibraryVersion}, read-only: {ReadOnly})")]
    internal static partial void Connected(ILogger logger, string uri, string libraryVersion, bool readOnly);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Keepalive is not available on {Uri}: {Reason}")]
    internal static partial void KeepAliveUnavailable(ILogger logger, string uri, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Domain event: {Event}")]
    internal static partial void LifecycleEvent(ILogger logger, DomainLifecycleEventArgs @event);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of domain lifecycle events failed")]
    internal static partial void LifecycleHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Defined domain {Name} ({Uuid})")]
    internal static partial void Defined(ILogger logger, string name, Guid uuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} domain {Name}")]
    internal static partial void DomainAction(ILogger logger, string action, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Domain {Name} did not shut down within {Timeout}; destroying it: {Destroy}")]
    internal static partial void ShutdownTimedOut(ILogger logger, string name, TimeSpan timeout, bool destroy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Source} to {Destination} for the clone")]
    internal static partial void CopiedForClone(ILogger logger, string source, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the block copy of {Disk} of domain {Name} onto {Destination}")]
    internal static partial void BlockCopyStarted(ILogger logger, string name, string disk, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} the block job of {Disk} of domain {Name}")]
    internal static partial void BlockJobEnded(ILogger logger, string name, string disk, string action);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Block job event: {Event}")]
    internal static partial void BlockJobEvent(ILogger logger, BlockJobEventArgs @event);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of block job events failed")]
    internal static partial void BlockJobHandlerFailed(ILogger logger, Exception exception);
}
