using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>In-place encryption of a guest's raw logical volume on the real stack: LVM, dm-crypt, libvirtd and qemu.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class InPlaceMigrationTests
{
    private const long HeaderBytes = 16L << 20;

    [Test]
    public async Task InPlace_OfAGuestOnARawLv_BootsFromTheMapping_WithTheSameContent_AndIsNotRolledBack()
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        using var passphrase = MigrationScenario.NewPassphrase();
        var headers = Directory.CreateDirectory(Path.Combine(scenario.Work, "headers")).FullName;
        var plan = await scenario.Service.PlanAsync(InPlaceScenario.Request(start: true) with { HeaderBackupDirectory = headers });

        plan.FailedChecks.Should().BeEmpty();
        plan.Checks.Single(c => c.Name == "enough free space").Detail.Should().Contain("32 MiB needed while encrypting").And.Contain("a clone would need 48 MiB");
        var disk = plan.Disks.Single();
        (disk.LvName, disk.Layout.LvBytes, disk.Layout.MappedBytes).Should().Be((InPlaceScenario.LvName, InPlaceScenario.DiskBytes + HeaderBytes, InPlaceScenario.DiskBytes));
        var expected = plan.ExpectedDuration;
        expected.Should().NotBeNull("the plan measured the LV's read rate");
        expected!.ReadBytesPerSecond.Should().BePositive();
        expected.Duration.Should().BePositive();
        MigrationPlanText.Format(plan).Should().Contain("expected duration of the encryption: about ");

        var result = await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));
        var history = scenario.Jobs.Load(result.JobId).History;
        TestContext.Out.WriteLine($"expected {expected.Duration} (reads {expected.ReadBytesPerSecond} B/s, cipher {expected.CipherBytesPerSecond} B/s), " +
            $"Encrypt step took {history.Single(r => r.Step == "Encrypt" && r.State == StepState.Completed).At - history.Single(r => r.Step == "Encrypt" && r.State == StepState.Started).At}");

        SerialLog.WaitFor(scenario.SerialLog, InPlaceScenario.BootText, TimeSpan.FromSeconds(120)).Should().Contain(BootSectorGuest.Marker);
        using (var domain = scenario.Hypervisor.GetDomain(InPlaceScenario.Domain))
        {
            domain.Uuid.Should().Be(plan.SourceUuid);
            domain.Disks.Select(d => (d.SourceType, d.SourcePath)).Should().Equal(("block", "/dev/mapper/cr_mail_vda"));
        }

        MigrationScenario.Sha256(disk.MapperPath, InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore, "the mapping holds exactly the LV's content before");
        (await scenario.LvSizeAsync()).Should().Be(InPlaceScenario.DiskBytes + HeaderBytes, "the LV keeps only the header beyond the data");
        using (var backup = LuksVolume.Load(Path.Combine(headers, "mail_vda.luks-header")))
        {
            backup.GetInfo().Uuid.Should().Be(disk.LuksUuid);
        }

        await scenario.Service.Awaiting(s => s.RollbackAsync(result.JobId)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage($"Job {result.JobId} cannot be rolled back: disk vda's volume vcinp/mail_vda holds the job's LUKS2 header (journal: step ShrinkLv Completed; the encryption is complete)*");
        scenario.CurrentDefinition().Should().Contain("/dev/mapper/cr_mail_vda", "the refused rollback changed nothing");
        TestContext.Out.WriteLine($"in place, 32 MiB, with boot: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [TestCase("ExtendLv", 0)]
    [TestCase("InitEncryption", 0)]
    [TestCase("Encrypt", 0)]
    [TestCase("Encrypt", 700)]
    [TestCase("Define", 0)]
    public async Task KilledDuringAStep_ThenResumed_HoldsTheSameContent(string step, int delayMs)
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync(step, TimeSpan.FromMilliseconds(delayMs));
        TestContext.Out.WriteLine($"killed in {step} (+{delayMs} ms): {string.Join(", ", scenario.Jobs.Load(jobId).History.Select(r => $"{r.Step}/{r.Disk}:{r.State}"))}");

        using var passphrase = MigrationScenario.NewPassphrase();
        var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase));

        var disk = result.Disks.Single();
        MigrationScenario.Sha256(disk.MapperPath, InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore);
        (await scenario.LvSizeAsync()).Should().Be(InPlaceScenario.DiskBytes + HeaderBytes);
        scenario.CurrentDefinition().Should().Contain("/dev/mapper/cr_mail_vda");
        TestContext.Out.WriteLine($"kill at {step} +{delayMs} ms, resume: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [TestCase("ExtendLv")]
    [TestCase("InitEncryption")]
    public async Task KilledBeforeTheHeaderIsOnTheVolume_ThenRolledBack_LeavesThePlainLvAsItWas(string step)
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync(step, TimeSpan.Zero);

        try
        {
            await scenario.Service.RollbackAsync(jobId);
        }
        catch (InvalidOperationStateException refused) when (step == "InitEncryption")
        {
            // The kill came after the header was written onto the volume: the refusal names that state, and a resume finishes.
            refused.Message.Should().Contain("step InitEncryption").And.Contain("holds the job's LUKS2 header");
            scenario.CurrentDefinition().Should().Be(scenario.DefinitionBefore, "the refused rollback changed nothing");
            using var passphrase = MigrationScenario.NewPassphrase();
            var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase));
            MigrationScenario.Sha256(result.Disks.Single().MapperPath, InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore);
            Assert.Inconclusive("killed after the header reached the volume: rollback refused (checked), resume completed (checked)");
        }

        (await scenario.LvSizeAsync()).Should().Be(InPlaceScenario.DiskBytes, "the LV is back at its old size");
        MigrationScenario.Sha256(InPlaceScenario.LvPath, InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore, "the plain LV is byte for byte as before");
        scenario.CurrentDefinition().Should().Be(scenario.DefinitionBefore);
        var group = await scenario.Lvm.GetVolumeGroupAsync(InPlaceScenario.VolumeGroupName);
        (await group.GetLogicalVolumeAsync(InPlaceScenario.LvName)).Tags.Should().BeEmpty("the job's tag is removed");
        Directory.GetFiles(scenario.Jobs.Directory, "*.luks2-header").Should().BeEmpty();
        TestContext.Out.WriteLine($"kill at {step}, rollback: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task Resume_WithAWrongPassphrase_IsRefused_AndChangesNothing()
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync("Encrypt", TimeSpan.Zero);
        var head = MigrationScenario.Sha256(InPlaceScenario.LvPath, InPlaceScenario.DiskBytes + (2 * HeaderBytes));
        var history = scenario.Jobs.Load(jobId).History.Count;

        using var wrong = Secret.FromChars("not the passphrase");
        await scenario.Service.Awaiting(s => s.ResumeAsync(jobId, LuksKey.FromPassphrase(wrong))).Should().ThrowAsync<MigrationFailedException>()
            .Where(e => e.InnerException is WrongPassphraseException);

        MigrationScenario.Sha256(InPlaceScenario.LvPath, InPlaceScenario.DiskBytes + (2 * HeaderBytes)).Should().Be(head, "nothing was written to the volume");
        scenario.Jobs.Load(jobId).History.Should().HaveCount(history, "no step ran");
        using var passphrase = MigrationScenario.NewPassphrase();
        var result = await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase));
        MigrationScenario.Sha256(result.Disks.Single().MapperPath, InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore);
        TestContext.Out.WriteLine($"wrong passphrase, then resume: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task Plan_OnAVolumeGroupWithoutRoomForTheHeader_IsRefused()
    {
        await using var scenario = await InPlaceScenario.CreateAsync(volumeGroupBytes: 48L << 20);

        var plan = await scenario.Service.PlanAsync(InPlaceScenario.Request());

        plan.CanExecute.Should().BeFalse();
        plan.FailedChecks.Select(c => c.Name).Should().Equal("enough free space");
        plan.FailedChecks.Single().Detail.Should().Contain("twice the LUKS2 header per disk while encrypting").And.Contain("free in vcinp");
        (await scenario.LvSizeAsync()).Should().Be(InPlaceScenario.DiskBytes);
    }
}
