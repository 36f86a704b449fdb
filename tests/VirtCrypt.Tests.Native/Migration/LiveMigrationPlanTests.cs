using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>Live mode against libvirt's test driver, which has no block jobs: planned, explained, and refused without a change.</summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class LiveMigrationPlanTests : TestDriverMigrationFixture
{
    [SetUp]
    public void DefineMail() => DefineMail(discard: null);

    [Test]
    public async Task RunningGuest_OnAHypervisorWithoutBlockJobs_IsRefused_SayingSo()
    {
        Start();

        var plan = await Service.PlanAsync(Request());

        var check = plan.FailedChecks.Should().Contain(c => c.Id == PlanCheckId.BlockCopySupported).Which;
        check.Detail.Should().Contain("does not support live block copy").And.Contain("test:///default").And.Contain("--mode retarget");
        plan.Checks.Should().Contain(c => c.Id == PlanCheckId.DomainRunning && c.Passed);
        using var passphrase = Secret.FromChars("never used");
        await Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase)))
            .Should().ThrowAsync<MigrationRefusedException>().WithMessage("*does not support live block copy*");
        Jobs.List().Should().BeEmpty();
        using var mail = Hypervisor.GetDomain("mail");
        mail.IsActive.Should().BeTrue("a refused live migration leaves the guest running");
        mail.GetDefinition(inactive: true).Disks.Single().SourcePath.Should().Be(Path.Combine(Work, "mail.img"));
    }

    [Test]
    public async Task ShutOffGuest_IsRefused_PointingAtRetarget()
    {
        var plan = await Service.PlanAsync(Request());

        var check = plan.FailedChecks.Should().Contain(c => c.Id == PlanCheckId.DomainRunning).Which;
        check.Detail.Should().Contain("shut off").And.Contain("--mode retarget");
        plan.Checks.Should().NotContain(c => c.Id == PlanCheckId.DomainShutOff, "Live never shuts the guest down");
    }

    [Test]
    public async Task Margin_IsRefused_AsAMirrorNeedsTheSameSize()
    {
        Start();

        var plan = await Service.PlanAsync(Request() with { MarginBytes = 1 << 20 });

        plan.FailedChecks.Should().Contain(c => c.Id == PlanCheckId.DiskKeepsSize && c.Subject == "vda").Which.Detail.Should().Contain("exactly the same size");
    }

    [Test]
    public async Task Plan_AsTextAndJson_TellsHowTheSwitchOverIsDone()
    {
        Start();

        var plan = await Service.PlanAsync(Request() with { BandwidthBytesPerSecond = 4L << 20 });

        plan.TargetDomain.Should().Be("mail");
        plan.SourceRunning.Should().BeTrue();
        plan.Disks.Single().MapperName.Should().Be("cr_mail_vda");
        plan.Warnings.Should().Contain(w => w.Contains("switched over (pivot) only once every mirror is in sync", StringComparison.Ordinal)
            && w.Contains("every mirror is aborted", StringComparison.Ordinal));
        plan.Warnings.Should().NotContain(w => w.Contains("will be shut down", StringComparison.Ordinal));
        var text = MigrationPlanText.Format(plan, includeXml: true);
        text.Should().Contain("Migration of 'mail' (Live)").And.Contain("keeps running").And.Contain("limited to 4 MiB/s")
            .And.Contain("[FAILED] hypervisor supports live block copy").And.Contain("<source dev=\"/dev/mapper/cr_mail_vda\"");
        var json = MigrationJson.Serialize(plan);
        json.Should().Contain("\"Mode\": \"Live\"").And.Contain("\"BandwidthBytesPerSecond\": 4194304");
        System.Text.Json.JsonSerializer.Deserialize<MigrationPlan>(json, MigrationJson.Options)!.Request.Mode.Should().Be(MigrationMode.Live);
    }

    [Test]
    public async Task AllowedDiscards_AreSaidToReachTheVolumesAfterAColdBoot_UnlessTheRunningDiskPassesThemAlready()
    {
        Start();

        var withDiscards = await Service.PlanAsync(Request() with { AllowDiscards = true });
        var without = await Service.PlanAsync(Request());
        Remove();
        DefineMail(discard: "unmap");
        Start();
        var alreadyUnmapping = await Service.PlanAsync(Request() with { AllowDiscards = true });

        withDiscards.Warnings.Should().ContainSingle(w => w.StartsWith("Discards:", StringComparison.Ordinal))
            .Which.Should().Contain("disks vda (not 'unmap')").And.Contain("only after that cold boot");
        without.Warnings.Should().NotContain(w => w.StartsWith("Discards:", StringComparison.Ordinal));
        alreadyUnmapping.Warnings.Should().NotContain(w => w.StartsWith("Discards:", StringComparison.Ordinal));
    }

    private void DefineMail(string? discard)
    {
        var image = Path.Combine(Work, "mail.img");
        using (var file = File.Create(image))
        {
            file.SetLength(8 << 20);
        }

        using var mail = Hypervisor.Define(DomainDefinition.Parse($"""
            <domain type='test'>
              <name>mail</name>
              <memory unit='KiB'>32768</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'{(discard is null ? "" : $" discard='{discard}'")}/><source file='{image}'/><target dev='vda' bus='virtio'/></disk>
                <interface type='user'/>
              </devices>
            </domain>
            """));
    }

    private void Remove()
    {
        using var mail = Hypervisor.GetDomain("mail");
        mail.Destroy();
        mail.Undefine();
    }

    private void Start()
    {
        using var mail = Hypervisor.GetDomain("mail");
        mail.Start();
    }

    private static MigrationRequest Request() => new() { Domain = "mail", VolumeGroup = "vc_absent", Mode = MigrationMode.Live };
}
