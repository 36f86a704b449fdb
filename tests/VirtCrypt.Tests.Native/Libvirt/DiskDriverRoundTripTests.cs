using System.Xml.Linq;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

/// <summary>
/// libvirt accepts the rewritten disks and keeps every driver setting the clone carries over: define, then read the
/// definition back (test:///default parses and writes domain XML with the same code as the qemu driver).
/// </summary>
[TestFixture]
[Category("Native")]
public class DiskDriverRoundTripTests
{
    private static readonly string[] Migrated = ["vda", "vdb", "vdc", "sdb"];

    private Hypervisor hypervisor = null!;
    private Domain source = null!;

    [SetUp]
    public void DefineTheMailServer()
    {
        hypervisor = TestDriver.Connect();
        source = hypervisor.Define(DomainDefinition.Parse(File.ReadAllText(
            Path.Combine(RepositoryPaths.Root, "tests", "VirtCrypt.Tests.Unit", "Libvirt", "Samples", "mail-disk-settings.xml"))));
    }

    [TearDown]
    public void UndefineAndDisconnect()
    {
        using (var domains = hypervisor.ListDomains())
        {
            foreach (var domain in domains.Where(d => d.Name != "test"))
            {
                domain.Undefine();
            }
        }

        source.Dispose();
        hypervisor.Dispose();
    }

    [TestCase(null)]
    [TestCase(true)]
    [TestCase(false)]
    public void RewrittenDrivers_AreDefined_AndReadBackUnchanged(bool? allowDiscards)
    {
        var plan = hypervisor.PlanClone(source, new CloneRequest
        {
            AllowDiscard = allowDiscards,
            Disks = Migrated.Select(t => new DiskMigration(t, $"/dev/mapper/cr_mail-clone_{t}")).ToList(),
        });

        using var clone = hypervisor.DefineClone(plan);
        var defined = clone.GetDefinition(inactive: true);

        foreach (var target in Migrated)
        {
            var planned = plan.Definition.Disks.Single(d => d.Target == target);
            var readBack = defined.Disks.Single(d => d.Target == target);
            Attributes(readBack).Should().BeEquivalentTo(Attributes(planned), $"libvirt keeps every setting of {target}'s driver");
            readBack.Should().Match<DiskDefinition>(d => d.SourceType == "block" && d.Format == "raw" && d.SourcePath == $"/dev/mapper/cr_mail-clone_{target}");
        }

        var sourceDisks = source.GetDefinition(inactive: true).Disks;
        Attributes(defined.Disks.Single(d => d.Target == "vda")).Should().Contain(
            Attributes(sourceDisks.Single(d => d.Target == "vda")).Where(a => a.Key is not ("type" or "discard")),
            "the qcow2 disk's cache, error policies, io, iothread, detect_zeroes and queues survive");
        defined.Disks.Select(d => d.Discard).Should().Equal(
            allowDiscards switch
            {
                null => ["unmap", "unmap", null, null, null],
                true => ["unmap", "unmap", "unmap", "unmap", null],
                false => [null, null, null, null, null],
            },
            "vda and vdb pass discards in the source; the cdrom (last) is not migrated");
    }

    private static Dictionary<string, string> Attributes(DiskDefinition disk) =>
        disk.Element.Element("driver")!.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value);
}
