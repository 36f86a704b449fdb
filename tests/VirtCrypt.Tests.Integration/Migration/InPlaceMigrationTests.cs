using System.Diagnostics;
using System.Security.Cryptography;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
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
    private const int BystanderBytes = 8 << 20;
    private const long FinalBytes = InPlaceScenario.DiskBytes + HeaderBytes;
    private const string SuspendableDevice = "vcinp-mail_vda";

    [Test]
    public async Task InPlace_OfAGuestOnARawLv_BootsFromTheMapping_WithTheSameContent_AndRollsBackToThePlainLv()
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        using var passphrase = MigrationScenario.NewPassphrase();
        var headers = Directory.CreateDirectory(Path.Combine(scenario.Work, "headers")).FullName;
        var plan = await scenario.Service.PlanAsync(InPlaceScenario.Request(start: true) with { HeaderBackupDirectory = headers });

        plan.FailedChecks.Should().BeEmpty();
        plan.Checks.Single(c => c.Id == PlanCheckId.FreeSpace).Detail.Should().Contain("32 MiB needed while encrypting").And.Contain("a clone would need 48 MiB");
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

        (await scenario.Service.RollbackNeedsKeyAsync(result.JobId)).Should().BeTrue("the volume is encrypted");
        await scenario.Service.Awaiting(s => s.RollbackAsync(result.JobId)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage($"Job {result.JobId}'s volume holds its LUKS2 header (/dev/vcinp/mail_vda): the rollback decrypts it back and needs the job's passphrase or keyfile. Nothing was changed.");
        scenario.CurrentDefinition().Should().Contain("/dev/mapper/cr_mail_vda", "the refused rollback changed nothing");
        await scenario.Service.RollbackAsync(result.JobId, LuksKey.FromPassphrase(passphrase));
        await scenario.ShouldBePlainAsBeforeAsync(result.JobId);
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

    [TestCase("ExtendLv", false)]
    [TestCase("InitEncryption", null)]
    [TestCase("ShrinkLv", true)]
    [TestCase("Define", true)]
    public async Task KilledDuringAStep_ThenRolledBack_LeavesThePlainLvAsItWas(string step, bool? headerOnTheVolume)
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync(step, TimeSpan.Zero);

        var needsKey = await scenario.Service.RollbackNeedsKeyAsync(jobId);
        if (headerOnTheVolume is { } expected)
        {
            needsKey.Should().Be(expected, "the key is needed exactly when the header is on the volume");
        }

        using var passphrase = MigrationScenario.NewPassphrase();
        await scenario.Service.RollbackAsync(jobId, needsKey ? LuksKey.FromPassphrase(passphrase) : null);

        await scenario.ShouldBePlainAsBeforeAsync(jobId);
        TestContext.Out.WriteLine($"kill at {step} (header on the volume: {needsKey}), rollback: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// LVM suspends a volume's device while it commits a resize, so a kill in between leaves it suspended and every read
    /// on it waits. The kill is timed at the step's start, then dmsetup makes the state a kill inside LVM leaves:
    /// growing, the grown table loaded but never committed; shrinking, the smaller size committed but the old table live.
    /// The rollback's and the resume's first reads of the volume (its header, the key check) would wait for ever.
    /// </summary>
    [TestCase("ExtendLv", false, true)]
    [TestCase("ShrinkLv", true, false)]
    public async Task KilledInsideAResize_LeavesTheVolumeSuspended_ThenRollbackOrResumeActivatesItAgainWithTheCommittedSize(string step, bool committed, bool rollBack)
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync(step, TimeSpan.Zero);
        await LeaveAsAKilledResizeAsync(scenario, committed);
        var committedBytes = await scenario.LvSizeAsync();
        var group = await scenario.Lvm.GetVolumeGroupAsync(InPlaceScenario.VolumeGroupName);
        (await group.GetLogicalVolumeAsync(InPlaceScenario.LvName)).IsSuspended.Should().BeTrue();
        var progress = new ProgressLog();
        using var passphrase = MigrationScenario.NewPassphrase();
        var key = LuksKey.FromPassphrase(passphrase);

        await using var watchdog = new SuspendedDeviceWatchdog(SuspendableDevice, TimeSpan.FromMinutes(5));
        if (rollBack)
        {
            await scenario.Service.RollbackAsync(jobId, key, progress);
        }
        else
        {
            await scenario.Service.ResumeAsync(jobId, key, progress);
        }

        (await watchdog.StopAsync()).Should().BeFalse("the job activated its suspended volume again before reading it");
        (await group.GetLogicalVolumeAsync(InPlaceScenario.LvName)).IsSuspended.Should().BeFalse("a read of it below would wait for ever");
        progress.Messages.Should().Contain(
            $"{InPlaceScenario.VolumeGroupName}/{InPlaceScenario.LvName} was left suspended by an interrupted resize: activating it again with the size LVM committed ({ByteCount.WithBytes(committedBytes)})");
        var table = Dmsetup.LinearTable(SuspendableDevice);
        table.Should().Be(Dmsetup.WithLength(table, rollBack ? InPlaceScenario.DiskBytes : FinalBytes), "the device has the size LVM committed, at the end");
        if (rollBack)
        {
            await scenario.ShouldBePlainAsBeforeAsync(jobId);
        }
        else
        {
            MigrationScenario.Sha256("/dev/mapper/cr_mail_vda", InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore);
            (await scenario.LvSizeAsync()).Should().Be(FinalBytes);
        }

        TestContext.Out.WriteLine($"killed inside {step} (committed: {committed}), {(rollBack ? "rollback" : "resume")}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task KilledInsideAResize_WithAReadBlockedOnTheVolume_IsRefused_AndTheRefusalsWayOutLetsTheJobResume()
    {
        await using var scenario = await InPlaceScenario.CreateAsync();
        var jobId = await scenario.KilledCliMigrationAsync("ExtendLv", TimeSpan.Zero);
        await LeaveAsAKilledResizeAsync(scenario, committed: false);
        using var reader = Process.Start("dd", ["if=" + InPlaceScenario.LvPath, "of=/dev/null", "bs=4096", "count=1", "iflag=direct"]);
        await using var watchdog = new SuspendedDeviceWatchdog(SuspendableDevice, TimeSpan.FromMinutes(5));
        var group = await scenario.Lvm.GetVolumeGroupAsync(InPlaceScenario.VolumeGroupName);
        while ((await group.GetLogicalVolumeAsync(InPlaceScenario.LvName)).OpenCount == 0)
        {
            await Task.Delay(100);
        }

        using var passphrase = MigrationScenario.NewPassphrase();
        var key = LuksKey.FromPassphrase(passphrase);
        var failure = await scenario.Service.Awaiting(s => s.ResumeAsync(jobId, key)).Should().ThrowAsync<MigrationFailedException>();

        var refusal = failure.Which.InnerException.Should().BeOfType<ResourceBusyException>().Which.Message;
        refusal.Should().StartWith($"vcinp/mail_vda, job {jobId}'s volume of disk vda, is suspended (every read and write on it waits), left so by an interrupted resize, and 1 opener(s) hold it");
        (await group.GetLogicalVolumeAsync(InPlaceScenario.LvName)).IsSuspended.Should().BeTrue("nothing was changed");
        var wayOut = refusal[(refusal.IndexOf("(dmsetup clear", StringComparison.Ordinal) + 1)..refusal.IndexOf("), then stop", StringComparison.Ordinal)];
        foreach (var command in wayOut.Split(" && "))
        {
            var words = command.Split(' ');
            ExternalTool.Run(words[0], words[1..]);
        }

        await reader!.WaitForExitAsync();
        (await watchdog.StopAsync()).Should().BeFalse("the refusal's commands resumed the device");
        await scenario.Service.ResumeAsync(jobId, key);
        MigrationScenario.Sha256("/dev/mapper/cr_mail_vda", InPlaceScenario.DiskBytes).Should().Be(scenario.ChecksumBefore);
        (await scenario.LvSizeAsync()).Should().Be(FinalBytes);
    }

    /// <summary>
    /// Leaves the job's volume as a kill inside LVM's resize does, growing (<paramref name="committed"/> false: the grown
    /// table loaded, never committed) or shrinking (true: the smaller size committed, the old table still live).
    /// </summary>
    private static async Task LeaveAsAKilledResizeAsync(InPlaceScenario scenario, bool committed)
    {
        var recorded = await scenario.LvSizeAsync();
        if (committed)
        {
            var live = Dmsetup.WithLength(Dmsetup.LinearTable(SuspendableDevice), FinalBytes + HeaderBytes);
            if (recorded != FinalBytes)
            {
                ExternalTool.Run("lvreduce", "--force", "--yes", "--size", $"{FinalBytes}b", $"{InPlaceScenario.VolumeGroupName}/{InPlaceScenario.LvName}");
            }

            Dmsetup.LeaveAsAKilledResize(SuspendableDevice, live, Dmsetup.LinearTable(SuspendableDevice));
        }
        else
        {
            // What lvextend loads; if the kill came after it, any size LVM never committed.
            var live = Dmsetup.LinearTable(SuspendableDevice);
            var grown = recorded == InPlaceScenario.DiskBytes ? InPlaceScenario.DiskBytes + (2 * HeaderBytes) : recorded + HeaderBytes;
            Dmsetup.LeaveAsAKilledResize(SuspendableDevice, live, Dmsetup.WithLength(live, grown));
        }
    }

    [Test]
    public async Task KilledDuringEncrypt_RollbackRefusesEditedJournalsAndAWrongPassphrase_SurvivesAKillInItsDecryption_AndLeavesThePlainLvAsItWas()
    {
        var clock = Stopwatch.StartNew();
        await using var scenario = await InPlaceScenario.CreateAsync();
        var group = await scenario.Lvm.GetVolumeGroupAsync(InPlaceScenario.VolumeGroupName);
        await group.CreateLinearAsync("bystander", BystanderBytes);
        const string bystanderPath = "/dev/vcinp/bystander";
        using (var other = new FileStream(bystanderPath, FileMode.Open, FileAccess.Write))
        {
            other.Write(RandomNumberGenerator.GetBytes(BystanderBytes));
            other.Flush(flushToDisk: true);
        }

        var bystander = MigrationScenario.Sha256(bystanderPath, BystanderBytes);
        var jobId = await scenario.KilledCliMigrationAsync("Encrypt", TimeSpan.FromMilliseconds(700));
        var encrypted = MigrationScenario.Sha256(InPlaceScenario.LvPath, InPlaceScenario.DiskBytes + (2 * HeaderBytes));
        var history = scenario.Jobs.Load(jobId).History.Count;
        using var passphrase = MigrationScenario.NewPassphrase();
        var key = LuksKey.FromPassphrase(passphrase);

        // Hand-edited journals: the disk's LV replaced by another raw LV; another LUKS UUID; its sizes shrunk (alone, and with the LV's to match).
        var journal = new HandEditedJournal(scenario.Jobs, jobId);
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["LvName"] = "bystander");
        (await RollbackRefused(scenario, jobId, key)).Should().BeOfType<ForeignObjectException>()
            .Which.Message.Should().StartWith($"vcinp/bystander is not job {jobId}'s: it lacks the tag virtcrypt_job_{jobId}");
        journal.Restore();
        var otherUuid = Guid.NewGuid();
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["LuksUuid"] = otherUuid.ToString());
        (await RollbackRefused(scenario, jobId, key)).Should().BeOfType<ForeignObjectException>()
            .Which.Message.Should().Contain($"not the one job {jobId} prepares ({otherUuid})").And.Contain("Nothing was changed.");
        journal.Restore();
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["Layout"]!["SourceBytes"] = InPlaceScenario.DiskBytes - HeaderBytes);
        (await RollbackRefused(scenario, jobId, key)).Should().BeOfType<InvalidOperationStateException>()
            .Which.Message.Should().Contain("someone resized it. Nothing was changed");
        journal.Restore();
        journal.Edit(j => HandEditedJournal.Disk(j, "vda")["Layout"]!["LvBytes"] = InPlaceScenario.DiskBytes + (2 * HeaderBytes));
        (await RollbackRefused(scenario, jobId, key)).Should().BeOfType<InvalidOperationStateException>()
            .Which.Message.Should().Contain("the journal was edited. Nothing was changed.");
        journal.Restore();

        using (var wrong = Secret.FromChars("not the passphrase"))
        {
            (await RollbackRefused(scenario, jobId, LuksKey.FromPassphrase(wrong))).Should().BeOfType<WrongPassphraseException>();
        }

        MigrationScenario.Sha256(bystanderPath, BystanderBytes).Should().Be(bystander, "no refused rollback touched the other LV");
        MigrationScenario.Sha256(InPlaceScenario.LvPath, InPlaceScenario.DiskBytes + (2 * HeaderBytes)).Should().Be(encrypted, "no refused rollback touched the job's LV");
        scenario.Jobs.Load(jobId).History.Should().HaveCount(history, "no refused rollback undid a step");

        // The rollback finishes the encryption, exports the header, then decrypts: killed in the middle, run again.
        var exported = Path.Combine(scenario.Jobs.Directory, $"{jobId}.vda.luks2-decryption-header");
        await scenario.KilledCliRollbackAsync(jobId, () => File.Exists(exported) && new FileInfo(exported).Length >= HeaderBytes, TimeSpan.FromMilliseconds(300));
        File.Exists(exported).Should().BeTrue("the kill came after the header was exported, before the decryption finished");

        await scenario.Service.RollbackAsync(jobId, key);

        await scenario.ShouldBePlainAsBeforeAsync(jobId);
        MigrationScenario.Sha256(bystanderPath, BystanderBytes).Should().Be(bystander);
        TestContext.Out.WriteLine($"kill at Encrypt +700 ms, refusals, rollback killed and run again: {clock.Elapsed.TotalSeconds:0.0} s");
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

    private static async Task<Exception> RollbackRefused(InPlaceScenario scenario, string jobId, LuksKey key) =>
        (await scenario.Service.Awaiting(s => s.RollbackAsync(jobId, key)).Should().ThrowAsync<Exception>()).Which;

    [Test]
    public async Task Plan_OnAVolumeGroupWithoutRoomForTheHeader_IsRefused()
    {
        await using var scenario = await InPlaceScenario.CreateAsync(volumeGroupBytes: 48L << 20);

        var plan = await scenario.Service.PlanAsync(InPlaceScenario.Request());

        plan.CanExecute.Should().BeFalse();
        plan.FailedChecks.Select(c => c.Id).Should().Equal(PlanCheckId.FreeSpace);
        plan.FailedChecks.Single().Detail.Should().Contain("twice the LUKS2 header per disk while encrypting").And.Contain("free in vcinp");
        (await scenario.LvSizeAsync()).Should().Be(InPlaceScenario.DiskBytes);
    }
}
