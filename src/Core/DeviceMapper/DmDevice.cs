using VirtCrypt.Errors;

namespace VirtCrypt.DeviceMapper;

/// <summary>A device-mapper device as DM_DEVICE_INFO reported it.</summary>
/// <param name="Name">Its name (<c>/dev/mapper/NAME</c>).</param>
/// <param name="Uuid">Its device-mapper UUID, which names its creator; empty when it has none.</param>
/// <param name="HasLiveTable">Whether a table is active (without one, every read and write fails).</param>
/// <param name="IsSuspended">Whether it is suspended (every read and write waits).</param>
/// <param name="OpenCount">How many openers hold it.</param>
internal sealed record DmDevice(string Name, string Uuid, bool HasLiveTable, bool IsSuspended, int OpenCount)
{
    /// <summary>
    /// Created but never given a live table: what a process killed between libdevmapper's create ioctl and its table
    /// load (or resume) leaves behind.
    /// </summary>
    internal bool IsHalfMade => !HasLiveTable;

    /// <summary>What keeps it from being used, as far as its state tells (not its kind of table); null when nothing.</summary>
    internal MappingDefect? Defect => IsHalfMade ? MappingDefect.NoTable : IsSuspended ? MappingDefect.Suspended : null;
}
