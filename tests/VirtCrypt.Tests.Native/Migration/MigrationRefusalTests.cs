using VirtCrypt.Errors;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// The refusals that need no volume group, against libvirt's test driver and image files: each names the problem and
/// what to do, and nothing is changed (no job, no domain, the source as it was).
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class MigrationRefusalTests : TestDriverMigrationFixture
{
    [SetUp]
    public void DefineMail()
    {
        using var mail = Hypervisor.Define(Domain("mail", $"""
            <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='{Image("mail.img")}'/><target dev='vda' bus='virtio'/></disk>
            """));
    }

    [Test]
    public async Task RunningDomain_IsRefused_UnlessAShutdownIsAllowed()
    {
        using (var mail = Hypervisor.GetDomain("mail"))
        {
            mail.Start();
        }

        var plan = await Service.PlanAsync(Request());

        Failed(plan, PlanCheckId.DomainShutOff).Should().Contain("'mail' is running").And.Contain("--shutdown-timeout");
        await RefusedWithoutChange(plan);
        using var still = Hypervisor.GetDomain("mail");
        still.IsActive.Should().BeTrue("a refused plan shuts nothing down");

        var allowed = await Service.PlanAsync(Request() with { ShutdownTimeout = TimeSpan.FromSeconds(30) });
        allowed.Checks.Single(c => c.Id == PlanCheckId.DomainShutOff).Passed.Should().BeTrue();
        allowed.SourceRunning.Should().BeTrue();
        allowed.Warnings.Should().Contain(w => w.Contains("will be shut down", StringComparison.Ordinal));
    }

    [Test]
    public async Task NewNameThatExists_IsRefused()
    {
        using (Hypervisor.Define(Domain("mail-clone", "")))
        {
        }

        var plan = await Service.PlanAsync(Request() with { NewName = "mail-clone" });

        Failed(plan, PlanCheckId.DomainDefinition).Should().Contain("'mail-clone' already exists");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task WithoutANewName_TheCloneGetsTheNextFreeName()
    {
        using (Hypervisor.Define(Domain("mail-clone", "")))
        {
        }

        var plan = await Service.PlanAsync(Request());

        plan.TargetDomain.Should().Be("mail-clone1");
        plan.Disks.Single().MapperName.Should().Be("cr_mail-clone1_vda");
        plan.Disks.Single().LvName.Should().Be("mail-clone1_vda");
    }

    [Test]
    public async Task NetworkDisk_IsRefused()
    {
        using (Hypervisor.Define(Domain("netmail", """
            <disk type='network' device='disk'><driver name='qemu' type='raw'/><source protocol='rbd' name='pool/mail'><host name='ceph1'/></source><target dev='vda' bus='virtio'/></disk>
            """)))
        {
        }

        var plan = await Service.PlanAsync(Request() with { Domain = "netmail" });

        Failed(plan, PlanCheckId.DiskReadable, "vda").Should().Contain("network").And.Contain("rbd");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task TransientDomain_IsRefused()
    {
        using (var running = Hypervisor.GetDomain("mail"))
        {
            running.Start();
            running.Undefine();
        }

        var plan = await Service.PlanAsync(Request() with { ShutdownTimeout = TimeSpan.FromSeconds(5) });

        Failed(plan, PlanCheckId.DomainPersistent).Should().Contain("transient");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task DiskFormatThatLiesAboutTheFile_IsRefused()
    {
        using (Hypervisor.Define(Domain("liar", $"""
            <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{Image("raw-not-qcow2.img")}'/><target dev='vda' bus='virtio'/></disk>
            """)))
        {
        }

        var plan = await Service.PlanAsync(Request() with { Domain = "liar" });

        Failed(plan, PlanCheckId.DiskReadable, "vda").Should().Contain("qcow2");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task MissingDomain_IsNotFound() =>
        await Service.Awaiting(s => s.PlanAsync(Request() with { Domain = "nope" })).Should().ThrowAsync<ObjectNotFoundException>();

    [Test]
    public async Task MissingVolumeGroup_FailsItsCheck()
    {
        var plan = await Service.PlanAsync(Request());

        Failed(plan, PlanCheckId.VolumeGroupExists).Should().Contain("vc_absent");
    }

    [Test]
    public async Task Plan_PrintsAsTextAndJson_WithoutAnySecret()
    {
        var plan = await Service.PlanAsync(Request());

        MigrationPlanText.Format(plan, includeXml: true).Should().Contain("disk vda").And.Contain("[FAILED] volume group exists")
            .And.Contain("<source dev=\"/dev/mapper/cr_mail-clone_vda\"");
        var json = MigrationJson.Serialize(plan);
        json.Should().Contain("\"Mode\": \"Clone\"").And.Contain("cr_mail-clone_vda");
        System.Text.Json.JsonSerializer.Deserialize<MigrationPlan>(json, MigrationJson.Options)!.Disks.Should().BeEquivalentTo(plan.Disks);
    }

    private static MigrationRequest Request() => new() { Domain = "mail", VolumeGroup = "vc_absent" };
}
