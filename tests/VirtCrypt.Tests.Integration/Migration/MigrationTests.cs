using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>The whole procedure on the real stack: LVM, dm-crypt, libvirtd and qemu inside the test host.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class MigrationTests
{
    [Test]
    public async Task Clone_OfATwoDiskGuest_BootsFromTheEncryptedDisk_AndTheDailyRoutineActsOnlyOnIt()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        var guestView = new[] { scenario.GuestViewSha256(scenario.RawDisk), scenario.GuestViewSha256(scenario.QcowDisk) };
        using var passphrase = MigrationScenario.NewPassphrase();
        var headers = Directory.CreateDirectory(Path.Combine(scenario.Work, "headers")).FullName;
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(start: true) with { HeaderBackupDirectory = headers });

        var result = await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));

        result.Domain.Should().Be("mail-clone");
        Directory.GetFiles(headers).Select(Path.GetFileName).Order().Should().Equal("mail-clone_vda.luks-header", "mail-clone_vdb.luks-header");
        using (var backup = LuksVolume.Load(Path.Combine(headers, "mail-clone_vdb.luks-header")))
        {
            backup.GetInfo().Uuid.Should().Be(result.Disks.Single(d => d.Target == "vdb").LuksUuid);
        }

        SerialLog.WaitFor(Path.Combine(scenario.Work, "mail-clone.log"), MigrationScenario.BootText, TimeSpan.FromSeconds(120))
            .Should().Contain(BootSectorGuest.Marker);
        using (var clone = scenario.Hypervisor.GetDomain("mail-clone"))
        {
            clone.Disks.Select(d => (d.Target, d.SourceType, d.SourcePath, d.Format, d.Discard)).Should().Equal(
                ("vda", "block", "/dev/mapper/cr_mail-clone_vda", "raw", "unmap"), ("vdb", "block", "/dev/mapper/cr_mail-clone_vdb", "raw", null));
        }

        result.Disks.Select(d => LuksVolume.Status(d.MapperName)!.AllowDiscards).Should().Equal(
            [true, false], "vda's source disk passes discards (discard='unmap'), vdb's does not");

        result.Disks.Select(d => MigrationScenario.Sha256(d.MapperPath, d.Layout.SourceBytes)).Should().Equal(guestView,
            "each mapping holds exactly what the guest saw of its source disk");
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().OnlyContain(lv => lv.Tags.Contains("virtcrypt_job_" + result.JobId));

        await scenario.Service.StopAsync("mail-clone", TimeSpan.FromSeconds(3), destroyOnTimeout: true);

        result.Disks.Should().OnlyContain(d => LuksVolume.Status(d.MapperName, null) == null);
        await DailyRoutine_ActsOnlyOnTheClonesOwnVolumes(scenario, result, LuksKey.FromPassphrase(passphrase));
        scenario.SourceChecksums().Should().Equal(sourcesBefore, "the source disks are only ever read");
        IsActive(scenario, "mail").Should().BeFalse();
    }

    /// <summary>
    /// stop, open, start and close against a bystander guest, mappings of the job's volumes that are not the job's,
    /// the migrated clone and its unencrypted source: only the clone and its own mappings are acted on.
    /// </summary>
    private static async Task DailyRoutine_ActsOnlyOnTheClonesOwnVolumes(MigrationScenario scenario, MigrationResult result, LuksKey key)
    {
        var service = scenario.Service;
        var (vda, vdb) = (result.Disks.Single(d => d.Target == "vda"), result.Disks.Single(d => d.Target == "vdb"));
        var bystanderDisk = Path.Combine(scenario.Work, "bystander.img");
        BootSectorGuest.CreateRawDisk(bystanderDisk, 4L << 20, "bystander");
        using (var bystander = scenario.Hypervisor.Define(DomainDefinition.Parse(
            BootSectorGuest.DomainXml("bystander", bystanderDisk, "raw", Path.Combine(scenario.Work, "bystander.log")))))
        {
            bystander.Start();
        }

        await service.Awaiting(s => s.StopAsync("bystander", TimeSpan.FromSeconds(3), destroyOnTimeout: true))
            .Should().ThrowAsync<ObjectNotFoundException>().WithMessage("VirtCrypt never migrated 'bystander'*virsh shutdown bystander*");
        await service.Awaiting(s => s.OpenVolumesAsync("bystander", key)).Should().ThrowAsync<ObjectNotFoundException>().WithMessage("*nothing to open*");
        IsActive(scenario, "bystander").Should().BeTrue();

        // The job's vdb volume opened by hand, under a name no job made, then under the name of the job's vda mapping.
        await OpenByHandAsync(vdb.LvPath, "cr_foreign", key);
        await service.Awaiting(s => s.CloseVolumeAsync("cr_foreign")).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage("/dev/mapper/cr_foreign was not opened by VirtCrypt*--force*");
        LuksVolume.Status("cr_foreign").Should().NotBeNull();
        await service.CloseVolumeAsync("cr_foreign", force: true);
        await OpenByHandAsync(vdb.LvPath, vda.MapperName, key);
        await service.Awaiting(s => s.StartAsync("mail-clone", key)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage($"{vda.MapperPath} of 'mail-clone' is open on *(LUKS UUID {vdb.LuksUuid}), not on the LUKS volume {vda.LuksUuid} that job {result.JobId} created*");
        await service.Awaiting(s => s.CloseVolumeAsync(vda.MapperName)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage($"*not on the LUKS volume {vda.LuksUuid}*");
        IsActive(scenario, "mail-clone").Should().BeFalse();
        LuksVolume.Status(vdb.MapperName).Should().BeNull("start refused before it opened anything");
        await service.CloseVolumeAsync(vda.MapperName, force: true);

        // The clone: start opens its volumes as the plan decided (discards on vda only); its source stays refused.
        await service.StartAsync("mail-clone", key);
        result.Disks.Select(d => LuksVolume.Status(d.MapperName)!.AllowDiscards).Should().Equal(true, false);
        await service.Awaiting(s => s.StartAsync("mail", key, force: true)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage("'mail' is the unencrypted source of migration job *'mail-clone'*running*not even with --force*");
        await service.Awaiting(s => s.CloseVolumeAsync(vdb.MapperName)).Should().ThrowAsync<ResourceBusyException>("the running clone holds it");
        await service.StopAsync("mail-clone", TimeSpan.FromSeconds(3), destroyOnTimeout: true);
        result.Disks.Should().OnlyContain(d => LuksVolume.Status(d.MapperName, null) == null);
        IsActive(scenario, "bystander").Should().BeTrue("the routine touched no other guest");
    }

    private static async Task OpenByHandAsync(string device, string name, LuksKey key)
    {
        using var volume = LuksVolume.Load(device);
        await volume.OpenAsync(name, key);
    }

    private static bool IsActive(MigrationScenario scenario, string domain)
    {
        using var found = scenario.Hypervisor.GetDomain(domain);
        return found.IsActive;
    }

    [Test]
    public async Task Retarget_KeepsTheIdentity_AndRollbackRestoresThePreviousDefinition()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        string previousXml;
        Guid uuid;
        using (var before = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            previousXml = before.GetXml(inactive: true);
            uuid = before.Uuid;
        }

        using var passphrase = MigrationScenario.NewPassphrase();
        var headers = Directory.CreateDirectory(Path.Combine(scenario.Work, "headers")).FullName;
        var plan = await scenario.Service.PlanAsync(
            MigrationScenario.Request(MigrationMode.Retarget, start: true) with { HeaderBackupDirectory = headers });
        var result = await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));
        Directory.GetFiles(headers).Should().HaveCount(2);

        SerialLog.WaitFor(Path.Combine(scenario.Work, "mail.log"), MigrationScenario.BootText, TimeSpan.FromSeconds(120));
        using (var retargeted = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            retargeted.Uuid.Should().Be(uuid);
            retargeted.Disks.Select(d => d.SourcePath).Should().Equal("/dev/mapper/cr_mail_vda", "/dev/mapper/cr_mail_vdb");
            retargeted.Interfaces.Select(i => i.MacAddress).Should().Equal(
                VirtCrypt.Libvirt.DomainDefinition.Parse(previousXml).Interfaces.Select(i => i.MacAddress));
        }

        await scenario.Service.RollbackAsync(result.JobId);

        using (var restored = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            restored.Disks.Select(d => d.SourcePath).Should().Equal(scenario.RawDisk, scenario.QcowDisk);
            restored.IsActive.Should().BeFalse("it was shut off before the migration");
        }

        await NothingLeftAsync(scenario, "mail");
        Directory.GetFiles(headers).Should().BeEmpty("the rollback deletes the job's header backups");
        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task Clone_OfAnAutostartedSource_SwitchesItsAutostartOff_AndRollbackSwitchesItOnAgain()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        using (var source = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            source.Autostart = true;
        }

        using var passphrase = MigrationScenario.NewPassphrase();
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request());
        plan.Warnings.Should().Contain(w => w.Contains("switches that off", StringComparison.Ordinal));

        var result = await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));

        using (var source = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            source.Autostart.Should().BeFalse("after a host reboot the unencrypted source must not start instead of the clone");
        }

        await scenario.Service.RollbackAsync(result.JobId);

        using (var source = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            source.Autostart.Should().BeTrue("the rollback restores what the job changed");
        }

        await NothingLeftAsync(scenario, "mail-clone");
    }

    [TestCase("Format")]
    [TestCase("Copy")]
    [TestCase("Define")]
    public async Task KilledDuringAStep_ThenResumed_Completes(string step)
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var guestView = scenario.GuestViewSha256(scenario.QcowDisk);
        var jobId = await scenario.KilledCliMigrationAsync(step);

        using var passphrase = MigrationScenario.NewPassphrase();
        var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase));

        result.JobId.Should().Be(jobId);
        using (var clone = scenario.Hypervisor.GetDomain("mail-clone"))
        {
            clone.Disks.Select(d => d.SourcePath).Should().Equal("/dev/mapper/cr_mail-clone_vda", "/dev/mapper/cr_mail-clone_vdb");
        }

        var data = result.Disks.Single(d => d.Target == "vdb");
        MigrationScenario.Sha256(data.MapperPath, data.Layout.SourceBytes).Should().Be(guestView);
    }

    [Test]
    public async Task KilledInsideFormat_BetweenTheHeaderAndItsKeyslot_ThenResumed_FormatsAgain()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var guestView = scenario.GuestViewSha256(scenario.QcowDisk);
        var jobId = await scenario.KilledCliMigrationAsync("Format");
        var job = scenario.Jobs.Load(jobId);
        job.StateOf("Format", "vda").Should().Be(StepState.Started, "the kill came inside the first disk's format");
        const string device = "/dev/vcmig/mail-clone_vda";
        var jobsUuid = job.Plan.Disks.Single(d => d.Target == "vda").LuksUuid;
        ExternalTool.RunWithInput("cryptsetup", "x", "luksFormat", "--batch-mode", "--type", "luks2", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000",
            "--uuid", jobsUuid.ToString(), "--key-file", "-", device).Exit.Should().Be(0);
        ExternalTool.Run("cryptsetup", "luksKillSlot", "--batch-mode", device, "0");

        using var passphrase = MigrationScenario.NewPassphrase();
        var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase));

        var data = result.Disks.Single(d => d.Target == "vdb");
        MigrationScenario.Sha256(data.MapperPath, data.Layout.SourceBytes).Should().Be(guestView);
        using var formatted = LuksVolume.Load(device);
        formatted.GetInfo().Uuid.Should().Be(jobsUuid);
    }

    [Test]
    public async Task AVolumeSomethingElseSuspended_IsRefusedOnResume_AndTheJobCompletesOnceItRunsAgain()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        // Before the mapping is opened on it: a device-mapper device over a suspended volume makes LVM's own scan wait.
        var jobId = await scenario.KilledCliMigrationAsync("Format");
        const string device = "vcmig-mail--clone_vda";
        ExternalTool.Run("dmsetup", "suspend", device);
        using var passphrase = MigrationScenario.NewPassphrase();
        var key = LuksKey.FromPassphrase(passphrase);

        await using (var watchdog = new SuspendedDeviceWatchdog(device, TimeSpan.FromMinutes(5)))
        {
            var failure = await scenario.Service.Awaiting(s => s.ResumeAsync(jobId, key)).Should().ThrowAsync<MigrationFailedException>();
            failure.Which.InnerException.Should().BeOfType<InvalidOperationStateException>().Which.Message.Should().Be(
                $"vcmig/mail-clone_vda, job {jobId}'s volume of disk vda, is suspended (every read and write on it waits), and this job never resizes it: " +
                $"something else suspended it. Nothing was changed. Find out what did (dmsetup info {device}), let it finish or resume the device, then run the job again.");
            (await watchdog.StopAsync()).Should().BeFalse("the refusal came before any read of the volume");
        }

        Dmsetup.ResumeIfSuspended(device).Should().BeTrue("the refused resume left the device as it was");
        var result = await scenario.Service.ResumeAsync(jobId, key);
        result.Disks.Select(d => MigrationScenario.Sha256(d.MapperPath, d.Layout.SourceBytes)).Should().Equal(
            scenario.GuestViewSha256(scenario.RawDisk), scenario.GuestViewSha256(scenario.QcowDisk));
    }

    [TestCase("Format")]
    [TestCase("Copy")]
    [TestCase("Define")]
    public async Task KilledDuringAStep_ThenRolledBack_LeavesNothing(string step)
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        var jobId = await scenario.KilledCliMigrationAsync(step);

        await scenario.Service.RollbackAsync(jobId);

        await NothingLeftAsync(scenario, "mail-clone");
        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task OpenWithAWrongPassphrase_IsRefused_AndOpensNothing()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        using var passphrase = MigrationScenario.NewPassphrase();
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request());
        await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));
        await scenario.Service.StopAsync("mail-clone", TimeSpan.FromSeconds(1));
        using var wrong = Secret.FromChars("not the passphrase");

        await scenario.Service.Awaiting(s => s.OpenVolumesAsync("mail-clone", LuksKey.FromPassphrase(wrong)))
            .Should().ThrowAsync<WrongPassphraseException>();

        plan.Disks.Should().OnlyContain(d => LuksVolume.Status(d.MapperName, null) == null);
        var opened = await scenario.Service.OpenVolumesAsync("mail-clone", LuksKey.FromPassphrase(passphrase));
        opened.Select(m => m.Name).Should().Equal("cr_mail-clone_vda", "cr_mail-clone_vdb");
    }

    [Test]
    public async Task NotEnoughSpace_IsRefusedBeforeAnyChange()
    {
        await using var scenario = await MigrationScenario.CreateAsync(volumeGroupBytes: 96L << 20);
        var freeBefore = (await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName)).FreeBytes;

        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request());

        plan.FailedChecks.Should().ContainSingle().Which.Id.Should().Be(PlanCheckId.FreeSpace);
        plan.FailedChecks.Single().Detail.Should().Contain("needed but only").And.Contain("vcmig");
        using var passphrase = MigrationScenario.NewPassphrase();
        await scenario.Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase)))
            .Should().ThrowAsync<MigrationRefusedException>();
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (group.FreeBytes, group.LogicalVolumeCount).Should().Be((freeBefore, 0));
        scenario.Jobs.List().Should().BeEmpty();
    }

    private static async Task NothingLeftAsync(MigrationScenario scenario, string targetDomain)
    {
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().BeEmpty("the rollback removes the job's logical volumes");
        Directory.GetFiles("/dev/mapper", "cr_*").Should().BeEmpty("the rollback closes the job's mappings");
        if (targetDomain != MigrationScenario.Domain)
        {
            scenario.Hypervisor.FindDomain(targetDomain).Should().BeNull("the rollback undefines the clone");
        }
    }
}
