using Microsoft.Extensions.Logging;

namespace VirtCrypt.Storage;

/// <summary>What the storage layer itself logs (LVM's own lines go through <see cref="LvmLogRouting"/>).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created logical volume {DevicePath}: {AllocatedBytes} bytes for {RequestedBytes} requested")]
    internal static partial void LogicalVolumeCreated(ILogger logger, string devicePath, long allocatedBytes, long requestedBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed logical volume {DevicePath}")]
    internal static partial void LogicalVolumeRemoved(ILogger logger, string devicePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created volume group {Name} of {SizeBytes} bytes on {DeviceCount} device(s)")]
    internal static partial void VolumeGroupCreated(ILogger logger, string name, long sizeBytes, int deviceCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed volume group {Name} and the LVM labels of its physical volumes")]
    internal static partial void VolumeGroupRemoved(ILogger logger, string name);
}
