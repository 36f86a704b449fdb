using VirtCrypt.Errors;
using VirtCrypt.Storage;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;
using static VirtCrypt.Tests.Unit.Storage.LvmReportSamples;

namespace VirtCrypt.Tests.Unit.Storage;

[TestFixture]
[Category("Unit")]
public class LvmReportsTests
{
    [Test]
    public void VolumeGroups_ReadsEveryFieldInBytes()
    {
        LvmReports.VolumeGroups(Lines(Vgs)).Should().Equal(
            new VolumeGroupRow("vg0", "aeZ6g0-IbFi-YugS-pRTh-DPAV-Njkv-bmlNKH", 132120576, 108003328, 1048576, 126, 103, 2));
    }

    [Test]
    public void VolumeGroups_IgnoresTheCommandLogSection() =>
        LvmReports.VolumeGroups(Lines(VgsWithCommandLog)).Should().Equal(LvmReports.VolumeGroups(Lines(Vgs)));

    [Test]
    public void VolumeGroups_OfASystemWithoutAny_IsEmpty() =>
        LvmReports.VolumeGroups(Lines(VgsOfNoVolumeGroup)).Should().BeEmpty();

    [Test]
    public void PhysicalVolumes_IncludeOnesInNoVolumeGroup()
    {
        var pvs = LvmReports.PhysicalVolumes(Lines(Pvs));

        pvs.Select(pv => (pv.DevicePath, pv.VolumeGroupName, pv.SizeBytes, pv.FreeBytes)).Should().Equal(
            ("/dev/loop0", "vg0", 66060288L, 41943040L),
            ("/dev/loop1", "vg0", 66060288L, 66060288L),
            ("/dev/loop2", "", 67108864L, 67108864L));
    }

    [Test]
    public void LogicalVolumes_HaveExactSizesPathsTagsAndSuspendedState()
    {
        LvmReports.LogicalVolumes(Lines(Lvs)).Should().Equal(
            new LogicalVolumeRow("vg0", "data", "d1syMv-o5rt-VVda-5WXz-VhB4-ekWt-0Xy6cU", "/dev/vg0/data", 20 << 20, "virtcrypt_job_1", "suspended"),
            new LogicalVolumeRow("vg0", "swap.old", "r3gOBf-yDPz-4cRu-EizL-seXY-83ub-rTOnid", "/dev/vg0/swap.old", 3 << 20, "", ""));
    }

    [Test]
    public void KernelState_ComesFromLvdisplayColon()
    {
        var messages = Lines(LvdisplayColon).Select(l => new LvmLogLine(LVM2_LOG_PRINT, l))
            .Append(new LvmLogLine(LVM2_LOG_PRINT, "WARNING: some warning: with: colons"))
            .Append(new LvmLogLine(LVM2_LOG_DEBUG, "/dev/x/y:x:3:1:-1:9:0:0:-1:0:-1:254:9"));

        LvmKernelState.Parse(messages).Should().Equal(
            new LvmKernelState("vg0", "data", IsActive: true, OpenCount: 1),
            new LvmKernelState("vg0", "swap.old", IsActive: false, OpenCount: 0));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("""{"report": [{"vg": [{"vg_name":"vg0"}]}]}""")]
    [TestCase("""{"report": [{"vg": [{"vg_name":"vg0", "vg_uuid":"u", "vg_size":"12x", "vg_free":"1", "vg_extent_size":"1", "vg_extent_count":"1", "vg_free_count":"1", "lv_count":"0"}]}]}""")]
    [TestCase("""{"reports": []}""")]
    public void VolumeGroups_OfOutputThatIsNotTheExpectedReport_IsAnLvmError(string text) =>
        FluentActions.Invoking(() => LvmReports.VolumeGroups(text.Split('\n'))).Should().Throw<LvmException>()
            .WithMessage("LVM's \"vg\" report could not be read*");
}
