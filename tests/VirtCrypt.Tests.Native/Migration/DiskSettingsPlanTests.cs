using VirtCrypt.Libvirt;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// The plan carries each source disk's driver settings over to its encrypted disk and decides per disk whether
/// discards pass: as the source disk does, unless the request says otherwise.
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class DiskSettingsPlanTests : TestDriverMigrationFixture
{
    [SetUp]
    public void DefineMail()
    {
        using var mail = Hypervisor.Define(DomainDefinition.Parse($"""
            <domain type='test'>
              <name>mail</name>
              <memory unit='KiB'>32768</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw' cache='writeback' discard='unmap' detect_zeroes='unmap' error_policy='report'/>
                  <source file='{Image("system.img")}'/><target dev='vda' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <source file='{Image("spool.img")}'/><target dev='vdb' bus='virtio'/>
                </disk>
              </devices>
            </domain>
            """));
    }

    [Test]
    public async Task ByDefault_DiscardsPassWhereTheSourceDiskPassesThem()
    {
        var plan = await Service.PlanAsync(Request(null));

        plan.Disks.Select(d => (d.Target, d.AllowDiscards)).Should().Equal(("vda", true), ("vdb", false));
        var vda = NewDisk(plan, "vda");
        vda.Discard.Should().Be("unmap");
        Driver(vda).Should().Contain(("cache", "writeback")).And.Contain(("detect_zeroes", "unmap")).And.Contain(("error_policy", "report"))
            .And.NotContain(a => a.Name == "io", "io='native' needs cache='none'");
        Driver(NewDisk(plan, "vdb")).Should().Equal(("name", "qemu"), ("type", "raw"), ("cache", "none"), ("io", "native"));
        plan.Warnings.Should().Contain(w => w.StartsWith("vdb: the source disk sets no cache or io mode", StringComparison.Ordinal))
            .And.Contain(w => w.StartsWith("vda: io is left to the hypervisor's default", StringComparison.Ordinal));
        var text = MigrationPlanText.Format(plan);
        text.Should().Contain("discards        passed through to the storage, as the source disk does")
            .And.Contain("discards        not passed, as the source disk does not pass them");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task TheAdministratorsChoice_AppliesToEveryDisk(bool allow)
    {
        var plan = await Service.PlanAsync(Request(allow));

        plan.Disks.Should().OnlyContain(d => d.AllowDiscards == allow);
        plan.Disks.Select(d => NewDisk(plan, d.Target).Discard).Should().OnlyContain(d => d == (allow ? "unmap" : null));
        Driver(NewDisk(plan, "vda")).Should().Contain(("detect_zeroes", "unmap"), "only discard follows the choice");
    }

    private static MigrationRequest Request(bool? allowDiscards) => new() { Domain = "mail", VolumeGroup = "vc_absent", AllowDiscards = allowDiscards };

    private static DiskDefinition NewDisk(MigrationPlan plan, string target) =>
        DomainDefinition.Parse(plan.NewDomainXml).Disks.Single(d => d.Target == target);

    private static List<(string Name, string Value)> Driver(DiskDefinition disk) =>
        disk.Element.Element("driver")!.Attributes().Select(a => (a.Name.LocalName, a.Value)).ToList();
}
