using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Devmapper;

namespace VirtCrypt.Tests.Native.Abi;

[TestFixture]
[Category("Native")]
public class DevmapperAbiTests
{
    [Test]
    public void DmInfoAndConstants_MatchLibdevmapperH() =>
        CProgram.RunAbiProbe("devmapper.c").Should().Equal(new Dictionary<string, long>
        {
            ["sizeof.dm_info"] = Marshal.SizeOf<dm_info>(),
            ["offsetof.dm_info.exists"] = Offset("exists"),
            ["offsetof.dm_info.suspended"] = Offset("suspended"),
            ["offsetof.dm_info.live_table"] = Offset("live_table"),
            ["offsetof.dm_info.inactive_table"] = Offset("inactive_table"),
            ["offsetof.dm_info.open_count"] = Offset("open_count"),
            ["offsetof.dm_info.event_nr"] = Offset("event_nr"),
            ["offsetof.dm_info.major"] = Offset("major"),
            ["offsetof.dm_info.minor"] = Offset("minor"),
            ["offsetof.dm_info.read_only"] = Offset("read_only"),
            ["offsetof.dm_info.target_count"] = Offset("target_count"),
            ["offsetof.dm_info.deferred_remove"] = Offset("deferred_remove"),
            ["offsetof.dm_info.internal_suspend"] = Offset("internal_suspend"),
            ["DM_DEVICE_REMOVE"] = DM_DEVICE_REMOVE,
            ["DM_DEVICE_INFO"] = DM_DEVICE_INFO,
            ["DM_UDEV_DISABLE_LIBRARY_FALLBACK"] = DM_UDEV_DISABLE_LIBRARY_FALLBACK,
        });

    private static long Offset(string field) => Marshal.OffsetOf<dm_info>(field).ToInt64();
}
