using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>Live mode on the real stack: a running guest under libvirtd/qemu mirrored onto dm-crypt and switched over.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class LiveMigrationTests
{
    [Test]
    public async Task Live_OfARunningTwoDiskGuest_SwitchesOverWithoutARestart_AndColdBootsFromTheEncryptedDisk()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        var guestView = new[] { scenario.GuestViewSha256(scenario.RawDisk), scenario.GuestViewSha256(scenario.QcowDisk) };
        var log = StartGuest(scenario);
        int? runningId;
        using (var before = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            runningId = before.Id;
        }

        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(MigrationMode.Live));
        plan.FailedChecks.Should().BeEmpty();
        plan.Checks.Single(c => c.Id == PlanCheckId.BlockCopySupported).Detail.Should().Contain("with synchronous writes");
        var reports = new List<MigrationProgress>();
        using var passphrase = MigrationScenario.NewPassphrase();
        var blockJobEvents = new System.Collections.Concurrent.ConcurrentQueue<BlockJobEventArgs>();
        void OnBlockJob(object? sender, BlockJobEventArgs e) => blockJobEvents.Enqueue(e);
        scenario.Hypervisor.BlockJob += OnBlockJob;

        var clock = Stopwatch.StartNew();
        var result = await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase), new Recorder(reports));
        clock.Stop();
        TestContext.Out.WriteLine($"Live migration of {plan.Disks.Sum(d => d.Layout.SourceBytes) >> 20} MiB on two disks: {clock.Elapsed.TotalSeconds:0.0} s");
        (string Disk, BlockJobStatus Status)[] expectedEvents =
            [("vda", BlockJobStatus.Ready), ("vdb", BlockJobStatus.Ready), ("vda", BlockJobStatus.Completed), ("vdb", BlockJobStatus.Completed)];
        IEnumerable<(string, BlockJobStatus)> Observed() => blockJobEvents
            .Where(e => e.DomainName == MigrationScenario.Domain && e.Type == BlockJobType.Copy).Select(e => (e.Disk, e.Status)).Distinct();

        // The pivot's COMPLETED events come from libvirt's event loop and may arrive after the migration returned.
        SpinWait.SpinUntil(() => expectedEvents.All(Observed().Contains), TimeSpan.FromSeconds(10));
        scenario.Hypervisor.BlockJob -= OnBlockJob;

        result.Started.Should().BeTrue();
        reports.Should().Contain(r => r.Step == "Mirror" && r.Copy != null && r.Copy.BytesDone == r.Copy.BytesTotal && r.Copy.BytesTotal > 0);
        Observed().Should().Contain(expectedEvents, "libvirt's BLOCK_JOB_2 events reach subscribers: each mirror got ready and completed at the pivot");
        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.Id.Should().Be(runningId, "the guest kept running through the switch-over");
            mail.Disks.Select(d => (d.Target, d.SourcePath, d.MirrorPath)).Should().Equal(
                ("vda", "/dev/mapper/cr_mail_vda", null), ("vdb", "/dev/mapper/cr_mail_vdb", null));
            mail.GetDefinition(inactive: true).Disks.Select(d => (d.SourceType, d.SourcePath, d.Format)).Should().Equal(
                ("block", "/dev/mapper/cr_mail_vda", "raw"), ("block", "/dev/mapper/cr_mail_vdb", "raw"));
        }

        File.ReadAllText(log).Split(BootSectorGuest.Marker).Length.Should().Be(2, "the guest booted once, before the migration");
        result.Disks.Select(d => MigrationScenario.Sha256(d.MapperPath, d.Layout.SourceBytes)).Should().Equal(guestView);
        scenario.SourceChecksums().Should().Equal(sourcesBefore, "the source disks are only ever read");

        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.Destroy();
            File.Delete(log);
            mail.Start();
            SerialLog.WaitFor(log, MigrationScenario.BootText, TimeSpan.FromSeconds(120)).Should().Contain(BootSectorGuest.Marker);
            mail.Disks.Select(d => d.SourcePath).Should().Equal("/dev/mapper/cr_mail_vda", "/dev/mapper/cr_mail_vdb");
        }
    }

    [Test]
    public async Task Live_CancelledWhileMirroring_KeepsTheGuestOnItsOldDisks_AndRollbackLeavesNothing()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        StartGuest(scenario);
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(MigrationMode.Live) with { BandwidthBytesPerSecond = 1L << 20 });
        using var cancel = new CancellationTokenSource();
        var reports = new List<MigrationProgress>();
        var progress = new Recorder(reports, r =>
        {
            if (r.Step == "Mirror" && r.Copy is { BytesDone: > 0 } copy && copy.BytesDone < copy.BytesTotal)
            {
                cancel.Cancel();
            }
        });
        using var passphrase = MigrationScenario.NewPassphrase();

        var failure = await scenario.Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase), progress, cancel.Token))
            .Should().ThrowAsync<MigrationFailedException>();

        failure.Which.WasCancelled.Should().BeTrue();
        reports.Should().Contain(r => r.Message.StartsWith("aborting the mirror", StringComparison.Ordinal));
        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.IsActive.Should().BeTrue();
            mail.Disks.Select(d => (d.SourcePath, d.MirrorPath)).Should().Equal((scenario.RawDisk, null), (scenario.QcowDisk, null));
            mail.GetBlockJob("vda").Should().BeNull();
            mail.GetBlockJob("vdb").Should().BeNull();
        }

        await scenario.Service.RollbackAsync(failure.Which.JobId);

        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().BeEmpty();
        Directory.GetFiles("/dev/mapper", "cr_*").Should().BeEmpty();
        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.IsActive.Should().BeTrue("the guest never stopped");
            mail.GetDefinition(inactive: true).Disks.Select(d => d.SourcePath).Should().Equal(scenario.RawDisk, scenario.QcowDisk);
        }

        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task Live_KilledWhileMirroring_ThenResumed_AdoptsTheRunningMirrors()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var guestView = scenario.GuestViewSha256(scenario.RawDisk);
        StartGuest(scenario);
        var jobId = await KilledWhileMirroringAsync(scenario);
        var reports = new List<MigrationProgress>();
        using var passphrase = MigrationScenario.NewPassphrase();

        await scenario.Service.ResumeAsync(jobId, LuksKey.FromPassphrase(passphrase), new Recorder(reports));

        reports.Should().Contain(r => r.Step == "Mirror" && r.Message.StartsWith("adopting the running mirror", StringComparison.Ordinal),
            "the copy jobs run inside qemu and outlive the killed process");
        using var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain);
        mail.Disks.Select(d => d.SourcePath).Should().Equal("/dev/mapper/cr_mail_vda", "/dev/mapper/cr_mail_vdb");
        MigrationScenario.Sha256("/dev/mapper/cr_mail_vda", new FileInfo(scenario.RawDisk).Length).Should().Be(guestView);
    }

    [Test]
    public async Task Live_KilledWhileMirroring_ThenRolledBack_AbortsTheMirrors_AndLeavesNothing()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var sourcesBefore = scenario.SourceChecksums();
        StartGuest(scenario);
        var jobId = await KilledWhileMirroringAsync(scenario);

        await scenario.Service.RollbackAsync(jobId);

        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.IsActive.Should().BeTrue();
            mail.Disks.Select(d => (d.SourcePath, d.MirrorPath)).Should().Equal((scenario.RawDisk, null), (scenario.QcowDisk, null));
        }

        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        (await group.GetLogicalVolumesAsync()).Should().BeEmpty();
        Directory.GetFiles("/dev/mapper", "cr_*").Should().BeEmpty();
        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    /// <summary>Kills <c>virtcrypt migrate --mode live</c> once both mirrors run (slowed down to 4 MiB/s each).</summary>
    private static Task<string> KilledWhileMirroringAsync(MigrationScenario scenario) =>
        scenario.KilledCliMigrationAsync("Mirror", () =>
        {
            using var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain);
            return mail.Disks.All(d => d.MirrorPath is not null);
        }, "--mode", "live", "--bandwidth", "4");

    private static string StartGuest(MigrationScenario scenario)
    {
        var log = Path.Combine(scenario.Work, "mail.log");
        using var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain);
        mail.Start();
        SerialLog.WaitFor(log, MigrationScenario.BootText, TimeSpan.FromSeconds(120));
        return log;
    }

    /// <summary>Records every report on the reporting thread, in order, and lets a test react to one.</summary>
    private sealed class Recorder(List<MigrationProgress> reports, Action<MigrationProgress>? react = null) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }

            react?.Invoke(value);
        }
    }
}
