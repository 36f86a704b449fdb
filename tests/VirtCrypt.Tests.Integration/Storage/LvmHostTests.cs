using System.Diagnostics;
using System.Globalization;
using VirtCrypt.Errors;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Storage;

/// <summary>LVM for real: a volume group with 1 MiB extents on two 64 MiB loop devices, created by the library.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class LvmHostTests
{
    private const long MiB = 1 << 20;
    private const string VgName = "vctest";

    private LoopDevice first = null!;
    private LoopDevice second = null!;
    private LvmHost host = null!;
    private VolumeGroup vg = null!;

    [OneTimeSetUp]
    public async Task CreateVolumeGroup()
    {
        TestHost.Require();
        first = LoopDevice.Create(64 * MiB);
        second = LoopDevice.Create(64 * MiB);
        host = new LvmHost();
        vg = await host.CreateVolumeGroupAsync(VgName, [first.DevicePath, second.DevicePath], extentSizeBytes: MiB);
    }

    [OneTimeTearDown]
    public async Task RemoveVolumeGroup()
    {
        foreach (var lv in await vg.GetLogicalVolumesAsync())
        {
            await lv.RemoveAsync();
        }

        await host.RemoveVolumeGroupAsync(VgName);
        host.Dispose();
        second.Dispose();
        first.Dispose();
    }

    [Test]
    public void CreateVolumeGroup_MakesBothDevicesItsPhysicalVolumes()
    {
        vg.Name.Should().Be(VgName);
        vg.ExtentSizeBytes.Should().Be(MiB);
        vg.PhysicalVolumes.Select(pv => pv.DevicePath).Should().BeEquivalentTo(first.DevicePath, second.DevicePath);
        vg.SizeBytes.Should().Be(vg.PhysicalVolumes.Sum(pv => pv.SizeBytes)).And.Be(Lvm("vgs", "-o", "vg_size", VgName));
        vg.ExtentCount.Should().Be(vg.SizeBytes / MiB);
    }

    [Test]
    public async Task CreateLinear_OfWholeExtents_HasExactlyThatSize_AndIsListed_ThenRemoved()
    {
        var watch = Stopwatch.StartNew();
        var created = await vg.CreateLinearAsync("exact", 8 * MiB);
        var createTime = watch.Elapsed;

        created.Rounding.IsRounded.Should().BeFalse();
        var lv = created.Volume;
        (lv.VolumeGroupName, lv.Name, lv.DevicePath, lv.SizeBytes, lv.IsActive, lv.OpenCount)
            .Should().Be((VgName, "exact", "/dev/vctest/exact", 8 * MiB, true, 0));
        BlockDeviceSize(lv.DevicePath).Should().Be(8 * MiB);
        (await vg.GetLogicalVolumesAsync()).Select(l => l.Name).Should().Contain("exact");

        watch.Restart();
        await lv.RemoveAsync();
        var removeTime = watch.Elapsed;

        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"LVM timing in the test host: CreateLinearAsync {createTime.TotalMilliseconds:0} ms, RemoveAsync {removeTime.TotalMilliseconds:0} ms"));
        File.Exists(lv.DevicePath).Should().BeFalse();
        await FluentActions.Awaiting(() => vg.GetLogicalVolumeAsync("exact")).Should().ThrowAsync<ObjectNotFoundException>();
    }

    [Test]
    public async Task CreateLinear_RoundsUpToWholeExtents_AndReportsTheRounding()
    {
        var created = await vg.CreateLinearAsync("rounded", 5 * MiB + 1);
        try
        {
            created.Rounding.Should().Be(new SizeRounding(5 * MiB + 1, MiB, 6));
            created.Rounding.AddedBytes.Should().Be(MiB - 1);
            created.Volume.SizeBytes.Should().Be(6 * MiB);
            BlockDeviceSize(created.Volume.DevicePath).Should().Be(6 * MiB);
        }
        finally
        {
            await created.Volume.RemoveAsync();
        }
    }

    [Test]
    public async Task Remove_WhileAFileDescriptorHoldsTheVolumeOpen_IsRefused_AndLeavesItAsItWas()
    {
        var lv = (await vg.CreateLinearAsync("held", 2 * MiB)).Volume;
        using (new FileStream(lv.DevicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            (await lv.RefreshAsync()).OpenCount.Should().Be(1);

            await FluentActions.Awaiting(() => lv.RemoveAsync()).Should().ThrowAsync<ResourceBusyException>()
                .WithMessage("Cannot remove logical volume vctest/held: its device /dev/vctest/held is open (1 opener(s))*");
            await FluentActions.Awaiting(() => lv.DeactivateAsync()).Should().ThrowAsync<ResourceBusyException>();

            var after = await lv.RefreshAsync();
            (after.IsActive, after.SizeBytes).Should().Be((true, 2 * MiB));
        }

        (await lv.RefreshAsync()).OpenCount.Should().Be(0);
        await lv.RemoveAsync();
    }

    [Test]
    public async Task DeactivateAndActivate_RemoveAndRestoreTheDevice()
    {
        var lv = (await vg.CreateLinearAsync("toggled", 3 * MiB)).Volume;
        try
        {
            var inactive = await lv.DeactivateAsync();
            inactive.IsActive.Should().BeFalse();
            File.Exists(lv.DevicePath).Should().BeFalse();

            var active = await inactive.ActivateAsync();
            active.IsActive.Should().BeTrue();
            BlockDeviceSize(active.DevicePath).Should().Be(3 * MiB);
        }
        finally
        {
            await lv.RemoveAsync();
        }
    }

    [Test]
    public async Task IsSuspended_FollowsTheDevice_AndDeactivateAndActivateGiveItTheTableLvmRecorded()
    {
        var lv = (await vg.CreateLinearAsync("suspended", 2 * MiB)).Volume;
        try
        {
            lv.IsSuspended.Should().BeFalse();
            var table = Dmsetup.LinearTable(lv.DeviceMapperName);
            Dmsetup.LeaveAsAKilledResize(lv.DeviceMapperName, table, Dmsetup.WithLength(table, 3 * MiB));
            (await lv.RefreshAsync()).IsSuspended.Should().BeTrue();

            (await lv.DeactivateAsync()).IsSuspended.Should().BeFalse("an inactive volume has no device");
            var active = await lv.ActivateAsync();

            active.IsSuspended.Should().BeFalse();
            Dmsetup.LinearTable(lv.DeviceMapperName).Should().Be(table);
            BlockDeviceSize(active.DevicePath).Should().Be(2 * MiB);
        }
        finally
        {
            Dmsetup.ResumeIfSuspended(lv.DeviceMapperName);
            await lv.RemoveAsync();
        }
    }

    [Test]
    public async Task CreateLinear_LargerThanTheFreeSpace_IsRefused_AndLeavesTheVolumeGroupUnchanged()
    {
        var before = await vg.RefreshAsync();
        var lvsBefore = LvmText("lvs", "-o", "lv_name,lv_size", VgName);

        var refused = await FluentActions.Awaiting(() => vg.CreateLinearAsync("toobig", before.FreeBytes + 1))
            .Should().ThrowAsync<InsufficientSpaceException>();

        refused.Which.Message.Should().Contain($"needs {ByteCount.WithBytes(before.FreeBytes + MiB)}")
            .And.Contain($"{ByteCount.WithBytes(before.FreeBytes)} are free").And.Contain("MiB");
        var after = await vg.RefreshAsync();
        (after.FreeBytes, after.LogicalVolumeCount).Should().Be((before.FreeBytes, before.LogicalVolumeCount));
        LvmText("lvs", "-o", "lv_name,lv_size", VgName).Should().Be(lvsBefore);
    }

    [Test]
    public async Task CreateLinear_WithTheNameOfAnExistingVolume_IsRefused()
    {
        var lv = (await vg.CreateLinearAsync("twice", MiB)).Volume;
        try
        {
            await FluentActions.Awaiting(() => vg.CreateLinearAsync("twice", 2 * MiB)).Should().ThrowAsync<ObjectAlreadyExistsException>();
            (await lv.RefreshAsync()).SizeBytes.Should().Be(MiB);
        }
        finally
        {
            await lv.RemoveAsync();
        }
    }

    [TestCase("--config=global{umask=0}")]
    [TestCase("x --yes vctest")]
    [TestCase("x\n--activate")]
    [TestCase("snapshot")]
    [TestCase("x_tmeta")]
    [TestCase("'quoted name'")]
    public async Task AHostileName_NeverReachesLvm(string name)
    {
        var before = LvmText("lvs", "-o", "lv_name", VgName);

        Starting(() => vg.CreateLinearAsync(name, MiB)).Should().Throw<InvalidNameException>();
        Starting(() => vg.GetLogicalVolumeAsync(name)).Should().Throw<InvalidNameException>();

        LvmText("lvs", "-o", "lv_name", VgName).Should().Be(before);
        (await vg.RefreshAsync()).LogicalVolumeCount.Should().Be(vg.LogicalVolumeCount);
    }

    [Test]
    public async Task CreateLinear_WithTags_CarriesThem_AndAHostileTagNeverReachesLvm()
    {
        var lv = (await vg.CreateLinearAsync("tagged", MiB, ["virtcrypt_job_20261127-1", "second"])).Volume;
        try
        {
            lv.Tags.Should().BeEquivalentTo("virtcrypt_job_20261127-1", "second");
            LvmText("lvs", "-o", "lv_tags", $"{VgName}/tagged").Trim().Split(',')
                .Should().BeEquivalentTo("virtcrypt_job_20261127-1", "second");
            Starting(() => vg.CreateLinearAsync("other", MiB, ["x --yes"])).Should().Throw<InvalidNameException>();
            (await vg.GetLogicalVolumesAsync()).Select(l => l.Name).Should().NotContain("other");
        }
        finally
        {
            await lv.RemoveAsync();
        }
    }

    [Test]
    public async Task RemoveVolumeGroup_ThatStillHoldsVolumes_IsRefused()
    {
        var lv = (await vg.CreateLinearAsync("keep", MiB)).Volume;
        try
        {
            await FluentActions.Awaiting(() => host.RemoveVolumeGroupAsync(VgName)).Should().ThrowAsync<InvalidOperationStateException>();
            (await lv.RefreshAsync()).IsActive.Should().BeTrue();
        }
        finally
        {
            await lv.RemoveAsync();
        }
    }

    [Test]
    public async Task CreateVolumeGroup_OnADeviceWithAFilesystem_IsRefused_AndLeavesTheFilesystem()
    {
        using var used = LoopDevice.Create(16 * MiB);
        ExternalTool.Run("mkfs.ext4", "-q", used.DevicePath);

        await FluentActions.Awaiting(() => host.CreateVolumeGroupAsync("vcused", [used.DevicePath])).Should().ThrowAsync<DeviceNotEmptyException>();

        ExternalTool.Run("blkid", "-o", "value", "-s", "TYPE", used.DevicePath).Trim().Should().Be("ext4");
        (await host.GetVolumeGroupsAsync()).Select(g => g.Name).Should().NotContain("vcused");
    }

    /// <summary>Calling the method, not awaiting it: names are checked before any task starts.</summary>
    private static Action Starting(Func<Task> start) => () => start();

    private static long BlockDeviceSize(string device) =>
        long.Parse(ExternalTool.Run("blockdev", "--getsize64", device).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Cross-check with the lvm CLI (a separate process).</summary>
    private static string LvmText(string command, params string[] arguments) =>
        ExternalTool.Run("lvm", [command, "--noheadings", "--units", "b", "--nosuffix", .. arguments]).Trim();

    private static long Lvm(string command, params string[] arguments) => long.Parse(LvmText(command, arguments), CultureInfo.InvariantCulture);
}
