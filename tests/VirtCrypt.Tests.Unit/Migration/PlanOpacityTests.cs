using System.Reflection;
using System.Text.Json;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// A plan is executed as the planner made it: callers can neither build one nor change one, a plan read back from JSON
/// is not taken for one the planner made, and what planning derives again must not have changed.
/// </summary>
[TestFixture]
[Category("Unit")]
public class PlanOpacityTests
{
    [TestCase(typeof(MigrationPlan))]
    [TestCase(typeof(DiskPlan))]
    [TestCase(typeof(MigrationJob))]
    [TestCase(typeof(JobFacts))]
    public void PlanAndJournalTypes_CannotBeBuiltOrChangedByCallers(Type type)
    {
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).Should().BeEmpty();
        type.GetProperties().Select(p => p.PropertyType).Should().NotContain(t => t.IsGenericType &&
            (t.GetGenericTypeDefinition() == typeof(List<>) || t.GetGenericTypeDefinition() == typeof(Dictionary<,>)));
    }

    [Test]
    public void ThePlansCollections_AreItsOwn()
    {
        var targets = new List<string> { "vda" };
        var mappers = new Dictionary<string, string> { ["vda"] = "cr_mail" };
        var plan = JobSamples.Plan(request: new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", Disks = targets, MapperNames = mappers });

        targets.Add("vdb");
        mappers["vda"] = "cr_victim";

        plan.Request.Disks.Should().Equal("vda");
        plan.Request.MapperNames["vda"].Should().Be("cr_mail");
        (plan.Disks as IList<DiskPlan>)?.IsReadOnly.Should().NotBe(false, "the plan's disk list cannot be cast back to a list and changed");
    }

    [Test]
    public void APlanReadBackFromJson_IsNotTakenForOneThePlannerMade()
    {
        var issued = new MigrationPlan(new MigrationRequest { Domain = "mail", VolumeGroup = "vg0" }, Guid.NewGuid(), false, "mail-clone",
            [JobSamples.Disk()], "<domain/>", [], [], []) { IsIssued = true };

        var readBack = JsonSerializer.Deserialize(MigrationJson.Serialize(issued), MigrationJson.Options.GetTypeInfo(typeof(MigrationPlan)))
            .Should().BeOfType<MigrationPlan>().Which;

        readBack.Disks.Should().BeEquivalentTo(issued.Disks);
        readBack.IsIssued.Should().BeFalse();
    }

    [Test]
    public void PlanningAgain_MayOnlyChangeTheIdentitiesAPlanGenerates()
    {
        var disk = JobSamples.Disk();
        var source = Guid.NewGuid();
        var tpm = new FileCopyPlan("/var/lib/libvirt/swtpm/source", "/var/lib/libvirt/swtpm/clone-one");
        var plan = JobSamples.Plan(sourceUuid: source, fileCopies: [tpm], disks: [disk]);
        MigrationPlan Again(DiskPlan again, string target = "mail-clone", FileCopyPlan? copy = null) =>
            JobSamples.Plan(target, sourceUuid: source, fileCopies: [copy ?? tpm with { Destination = "/var/lib/libvirt/swtpm/clone-two" }], disks: [again]);
        DiskPlan Changed(string? sourcePath = null, string? lvName = null, VolumeLayout? layout = null, bool? allowDiscards = null) =>
            new(disk.Target, sourcePath ?? disk.SourcePath, disk.SourceFormat, disk.VolumeGroup, lvName ?? disk.LvName, layout ?? disk.Layout, disk.MapperName,
                Guid.NewGuid(), allowDiscards ?? disk.AllowDiscards);

        PlanDrift.Find(plan, Again(Changed())).Should().BeNull("new LUKS UUIDs and a new swtpm state directory are the plan's own identities");
        PlanDrift.Find(plan, Again(Changed(sourcePath: "/dev/sda"))).Should().StartWith("disk vda would be planned differently (source /dev/sda");
        PlanDrift.Find(plan, Again(Changed(lvName: "root"))).Should().Contain("volume /dev/vg0/root");
        PlanDrift.Find(plan, Again(Changed(layout: disk.Layout with { LvBytes = 1L << 40 }))).Should().Contain("of 1099511627776 bytes");
        PlanDrift.Find(plan, Again(Changed(allowDiscards: true))).Should().EndWith("discards passed)");
        PlanDrift.Find(plan, Again(Changed(), target: "mail-clone1")).Should().Be("the migrated domain would be 'mail-clone1', not 'mail-clone'");
        PlanDrift.Find(plan, Again(Changed(), copy: new FileCopyPlan("/etc/shadow", tpm.Destination))).Should().Be("the files the clone gets copies of changed");
        PlanDrift.Find(plan, JobSamples.Plan(sourceUuid: Guid.NewGuid(), fileCopies: [tpm], disks: [disk])).Should().Contain("is another domain");
    }
}
