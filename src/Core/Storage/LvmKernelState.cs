using System.Globalization;

namespace VirtCrypt.Storage;

/// <summary>
/// What the kernel says about an LV, from <c>lvdisplay --colon</c>: whether it is active and how many openers hold it.
/// No report field carries the open count (<c>lv_device_open</c> is only yes/no), while this line of
/// <c>lvdisplay_colons()</c> has had the same 13 fields for two decades:
/// path:vg:access:active:-1:open count:sectors:extents:-1:allocation:read-ahead:major:minor.
/// </summary>
internal readonly record struct LvmKernelState(string VolumeGroupName, string Name, bool IsActive, int OpenCount)
{
    private const int FieldCount = 13;

    /// <summary>The states in LVM's printed output; other lines are skipped.</summary>
    internal static IReadOnlyList<LvmKernelState> Parse(IEnumerable<LvmLogLine> messages) =>
        messages.Where(m => m.IsPrinted).Select(m => TryParse(m.Text)).OfType<LvmKernelState>().ToList();

    internal static LvmKernelState? TryParse(string line)
    {
        var fields = line.Trim().Split(':');
        if (fields.Length != FieldCount || !fields[0].StartsWith('/')
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var active)
            || !int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var openCount))
        {
            return null;
        }

        return new LvmKernelState(fields[1], fields[0][(fields[0].LastIndexOf('/') + 1)..], active == 1, openCount);
    }
}
