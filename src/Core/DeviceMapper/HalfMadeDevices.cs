using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;

namespace VirtCrypt.DeviceMapper;

/// <summary>A half-made device found under a name, and whether it was removed as the caller's own.</summary>
/// <param name="Device">The device, as found.</param>
/// <param name="Removed">True when its UUID was the caller's and it was removed; false when it was left in place.</param>
internal sealed record HalfMadeDevice(DmDevice Device, bool Removed);

/// <summary>
/// Half-made device-mapper devices (created, never given a live table: a process killed inside an activation). The
/// one whose UUID is the caller's is removed, so that the activation can be redone or undone; any other is left alone.
/// </summary>
internal static partial class HalfMadeDevices
{
    /// <summary>
    /// Removes the device <paramref name="name"/> when it is half-made and its UUID is <paramref name="ownUuid"/>.
    /// </summary>
    /// <returns>The half-made device found (removed or left in place), or null when there is none.</returns>
    internal static Task<HalfMadeDevice?> RemoveOwnAsync(string name, string ownUuid, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownUuid);
        return CryptsetupCall.RunAsync(logger, call =>
        {
            var device = DmDevices.Find(call, name, $"Cannot look up the device-mapper device {name}");
            if (device is not { IsHalfMade: true })
            {
                return null;
            }

            if (!IsOwn(device, ownUuid))
            {
                return new HalfMadeDevice(device, Removed: false);
            }

            DmDevices.Remove(call, device, $"Cannot remove the half-made device-mapper device {name}");
            Removed(logger, name, device.Uuid);
            return new HalfMadeDevice(device, Removed: true);
        }, cancellationToken);
    }

    /// <summary>Whether the device is the caller's: its UUID, set when it was created, is exactly the expected one.</summary>
    internal static bool IsOwn(DmDevice device, string ownUuid) => string.Equals(device.Uuid, ownUuid, StringComparison.Ordinal);

    /// <summary>Says that a half-made device is not <paramref name="whose"/>, names it and leaves it to the administrator.</summary>
    internal static string NotOwnMessage(DmDevice device, string whose) =>
        $"{MapperName.PathOf(device.Name)} exists without a table and is not {whose}: {DmUuids.Describe(device.Uuid)}. It is left alone; "
        + $"remove it (dmsetup remove {device.Name}) once you know nothing needs it.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the half-made device-mapper device {Name} ({Uuid}), left without a table by an interrupted activation")]
    private static partial void Removed(ILogger logger, string name, string uuid);
}
