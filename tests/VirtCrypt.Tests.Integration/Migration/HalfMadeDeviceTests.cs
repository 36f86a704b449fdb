using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// A kill between device-mapper's create and its table load leaves a device without a table: the crypt mapping of
/// the Open step, or the LV's device inside CreateLv's lvcreate. Resume and rollback must both get past it, and a
/// half-made device that is not the job's must be refused by name and left in place.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class HalfMadeDeviceTests
{
    /// <summary>vdb's mapping (Open), and vdb's LV device (CreateLv): LVM names it VG-LV with '-' doubled.</summary>
    private static readonly object[] KillPoints =
    [
        new object[] { "cr_mail-clone_vdb", "removed /dev/mapper/cr_mail-clone_vdb, which an interrupted run left without a table" },
        new object[] { "vcmig-mail--clone_vdb", "removed the device of /dev/vcmig/mail-clone_vdb, which an interrupted run left without a table" },
    ];

    [TearDown]
    public void RemoveWhatAFailedTestLeft()
    {
        foreach (var name in new[] { "cr_mail-clone_vdb", "vcmig-mail--clone_vdb" })
        {
            ExternalTool.RunToEnd("dmsetup", "remove", name);
        }
    }

    [TestCaseSource(nameof(KillPoints))]
    public async Task KilledRightAfterTheDeviceWasCreated_ThenResumed_RemovesItAndCompletes(string device, string removal)
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var guestView = new[] { scenario.GuestViewSha256(scenario.RawDisk), scenario.GuestViewSha256(scenario.QcowDisk) };
        var jobId = await scenario.KilledRightAfterDeviceMapperCreateAsync(device);
        ExternalTool.Run("dmsetup", "table", device).Trim().Should().BeEmpty("the kill left the device without a table");

        using var passphrase = MigrationScenario.NewPassphrase();
        var progress = new ProgressLog();
        var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase), progress);

        progress.Messages.Should().Contain(removal);
        result.Disks.Select(d => MigrationScenario.Sha256(d.MapperPath, d.Layout.SourceBytes)).Should().Equal(guestView,
            "each mapping holds exactly what the guest saw of its source disk");
        ExternalTool.Run("dmsetup", "table", device).Trim().Should().NotBeEmpty("the resumed job made the device anew");
    }

    [TestCaseSource(nameof(KillPoints))]
    public async Task KilledRightAfterTheDeviceWasCreated_ThenRolledBack_LeavesNothing(string device, string removal)
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        using (var source = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            source.Autostart = true;
        }

        var sourcesBefore = scenario.SourceChecksums();
        var jobId = await scenario.KilledRightAfterDeviceMapperCreateAsync(device);

        var progress = new ProgressLog();
        await scenario.Service.RollbackAsync(jobId, progress: progress);

        progress.Messages.Should().Contain(removal);
        Dmsetup.Exists(device).Should().BeFalse($"{device} is gone");
        Directory.GetFiles("/dev/mapper", "cr_*").Should().BeEmpty();
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().BeEmpty();
        scenario.Hypervisor.FindDomain("mail-clone").Should().BeNull();
        using (var source = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            source.Autostart.Should().BeTrue();
        }

        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task AHalfMadeMappingThatIsNotTheJobs_IsRefusedByName_AndLeftInPlace_ThroughRunAndRollback()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        const string name = "cr_mail-clone_vdb";
        var foreignUuid = $"CRYPT-LUKS2-{Guid.NewGuid():N}-{name}";
        using var passphrase = MigrationScenario.NewPassphrase();
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request());

        // Made while vdb's volume is being formatted: after the plan's checks, before vdb's Open step.
        var progress = new ProgressLog(p =>
        {
            if (p is { Step: "Format", Disk: "vdb" })
            {
                ExternalTool.Run("dmsetup", "create", "--notable", name, "--uuid", foreignUuid);
            }
        });
        var failed = await scenario.Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase), progress))
            .Should().ThrowAsync<MigrationFailedException>();

        failed.Which.InnerException.Should().BeOfType<ObjectAlreadyExistsException>().Which.Message.Should()
            .StartWith($"/dev/mapper/{name} exists without a table and is not this job's: its device-mapper UUID {foreignUuid} says libcryptsetup")
            .And.Contain($"dmsetup remove {name}");
        Dmsetup.UuidOf(name).Should().Be(foreignUuid);
        FluentActions.Invoking(() => LuksVolume.Status(name)).Should().Throw<UnusableMappingException>()
            .Which.Defect.Should().Be(MappingDefect.NoTable);

        await scenario.Service.RollbackAsync(failed.Which.JobId, progress: progress);

        Dmsetup.UuidOf(name).Should().Be(foreignUuid, "the rollback leaves what is not the job's");
        progress.Messages.Should().Contain(m => m.StartsWith($"/dev/mapper/{name} exists without a table and is not this job's", StringComparison.Ordinal));
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().BeEmpty("the rest of the job is rolled back");
        File.Exists("/dev/mapper/cr_mail-clone_vda").Should().BeFalse();
    }
}
