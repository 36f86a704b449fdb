using System.Xml.Linq;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

[TestFixture]
[Category("Native")]
public class CloneTests
{
    private static readonly string[] SourceMacs = ["52:54:00:aa:00:01", "52:54:00:aa:00:02", "52:54:00:aa:00:03"];

    private string scratch = null!;
    private Hypervisor hypervisor = null!;
    private Domain source = null!;

    private static CloneRequest MigrateBothDisks => new()
    {
        Disks = [new DiskMigration("vda", "/dev/mapper/cr_mail_vda"), new DiskMigration("vdb", "/dev/mapper/cr_mail_vdb")],
        AllowDiscard = true,
    };

    [SetUp]
    public void DefineTheRichDomain()
    {
        scratch = Directory.CreateTempSubdirectory("virtcrypt-clone-").FullName;
        File.WriteAllText(Path.Combine(scratch, "mail_VARS.fd"), "uefi variables");
        hypervisor = TestDriver.Connect();
        source = hypervisor.Define(TestDriver.RichDomain(scratch));
        hypervisor.Define(TestDriver.MinimalDomain("mail-clone", SourceMacs[2])).Dispose();
    }

    [TearDown]
    public void Disconnect()
    {
        source.Dispose();
        hypervisor.Dispose();
        Directory.Delete(scratch, recursive: true);
    }

    [Test]
    public void Clone_OfTheRichDomain_FollowsEveryRule()
    {
        var swtpm = Path.Combine(scratch, "swtpm");
        Directory.CreateDirectory(Path.Combine(swtpm, source.Uuid.ToString("D"), "tpm2"));
        File.WriteAllText(Path.Combine(swtpm, source.Uuid.ToString("D"), "tpm2", "tpm2-00.permall"), "tpm state");
        var sourceXml = source.GetXml(secure: true, inactive: true);

        var plan = CloneRewriter.Rewrite(
            source.GetDefinition(secure: true, inactive: true), MigrateBothDisks,
            hypervisor.GetCloneContext(source) with { SwtpmStateDirectory = swtpm });
        using var clone = hypervisor.DefineClone(plan);
        var defined = clone.GetDefinition(secure: true, inactive: true);
        var planned = plan.Definition;

        // Identity: name with a counter (mail-clone is taken), new UUID, SMBIOS UUID to match, no id or title.
        clone.Name.Should().Be("mail-clone1");
        plan.Name.Should().Be("mail-clone1");
        clone.Uuid.Should().Be(plan.Uuid).And.NotBe(source.Uuid);
        defined.SysinfoSystemUuid.Should().Be(clone.Uuid);
        defined.Title.Should().BeNull();
        defined.Root.Element("description")!.Value.Should().Be("Postfix and Dovecot");
        planned.Id.Should().BeNull();

        // Interfaces: new unique 52:54:00 MACs, host device names dropped.
        var macs = defined.Interfaces.Select(i => i.MacAddress!).ToList();
        macs.Should().Equal(plan.MacAddresses).And.OnlyHaveUniqueItems().And.NotIntersectWith(SourceMacs);
        macs.Should().OnlyContain(m => m.StartsWith("52:54:00:", StringComparison.Ordinal));
        planned.Interfaces.Should().OnlyContain(i => i.TargetDevice == null);

        // Graphics on autoport, bound unix channel left to libvirt, serial/console files renamed.
        planned.Graphics.Single().Should().Match<GraphicsDefinition>(g => g.AutoPort && g.Port == null);
        defined.Graphics.Single().AutoPort.Should().BeTrue();
        defined.CharDevices.Single(c => c.Kind == "channel").SourcePath.Should().BeNull();
        defined.CharDevices.Where(c => c.Type == "file").Select(c => c.SourcePath)
            .Should().Equal("/var/log/libvirt/qemu/mail-clone1.log", "/var/log/libvirt/qemu/mail-clone1.log");

        // NVRAM: own file, contents copied.
        defined.NvramPath.Should().Be(Path.Combine(scratch, "mail-clone1_VARS.fd"));
        File.ReadAllText(defined.NvramPath!).Should().Be("uefi variables");

        // TPM: state keyed by UUID, copied to the clone's UUID.
        plan.TpmState.Should().Be(TpmStateHandling.Copied);
        File.ReadAllText(Path.Combine(swtpm, clone.Uuid.ToString("D"), "tpm2", "tpm2-00.permall")).Should().Be("tpm state");

        // Migrated disks: raw block devices on the mappings, target/address/boot order/serial kept, backing chain gone.
        var vda = defined.Disks.Single(d => d.Target == "vda");
        vda.Should().Match<DiskDefinition>(d => d.SourceType == "block" && d.Device == "disk" && d.Format == "raw" &&
            d.SourcePath == "/dev/mapper/cr_mail_vda" && d.Bus == "virtio" && d.BootOrder == 1);
        AttributesOf(vda.Element.Element("driver")!).Should().Equal(
            ("cache", "none"), ("discard", "unmap"), ("io", "native"), ("name", "qemu"), ("type", "raw"));
        vda.Element.Element("backingStore").Should().BeNull();
        vda.Element.Element("address")!.Attribute("slot")!.Value.Should().Be("0x05");
        var vdb = defined.Disks.Single(d => d.Target == "vdb");
        vdb.SourcePath.Should().Be("/dev/mapper/cr_mail_vdb");
        vdb.Element.Element("serial")!.Value.Should().Be("DATA01");

        // cdrom and read-only disk: not migrated, identical to the source's.
        plan.UnchangedDisks.Should().BeEquivalentTo("sda", "vdc");
        var sourceDisks = DomainDefinition.Parse(sourceXml).Disks;
        foreach (var target in new[] { "sda", "vdc" })
        {
            XNode.DeepEquals(planned.Disks.Single(d => d.Target == target).Element, sourceDisks.Single(d => d.Target == target).Element)
                .Should().BeTrue($"disk {target} stays shared, unchanged");
        }

        // And the source itself is untouched.
        source.GetXml(secure: true, inactive: true).Should().Be(sourceXml);
    }

    [Test]
    public void Clone_WithGivenMacs_UsesThemInOrder_AndRefusesOnesInUse()
    {
        var given = MigrateBothDisks with { NewName = "mail-b", MacAddresses = ["52:54:00:BB:00:01", "52:54:00:bb:00:02"] };
        hypervisor.PlanClone(source, given).MacAddresses.Should().Equal("52:54:00:bb:00:01", "52:54:00:bb:00:02");

        hypervisor.Invoking(h => h.PlanClone(source, given with { MacAddresses = [SourceMacs[2]] }))
            .Should().Throw<ObjectAlreadyExistsException>("52:54:00:aa:00:03 belongs to domain mail-clone")
            .WithMessage("*52:54:00:aa:00:03*");
        hypervisor.Invoking(h => h.PlanClone(source, given with { MacAddresses = [SourceMacs[0]] }))
            .Should().Throw<ObjectAlreadyExistsException>("the source's own MAC is in use too");
        hypervisor.Invoking(h => h.PlanClone(source, given with { MacAddresses = ["52:54:00:bb:00:01", "52:54:00:bb:00:01"] }))
            .Should().Throw<ObjectAlreadyExistsException>("the clone's NICs need distinct MACs");
    }

    [Test]
    public void GetCloneContext_CollectsEveryDomainsNamesAndMacs()
    {
        var context = hypervisor.GetCloneContext(source);

        context.ExistingNames.Should().BeEquivalentTo("test", "mail", "mail-clone");
        context.ExistingMacAddresses.Should().Contain(SourceMacs);
        context.SourceIsPersistent.Should().BeTrue();
    }

    [Test]
    public void Clone_ToAnExistingName_IsRefused()
    {
        hypervisor.Invoking(h => h.PlanClone(source, MigrateBothDisks with { NewName = "mail-clone" }))
            .Should().Throw<ObjectAlreadyExistsException>().WithMessage("*'mail-clone'*");
    }

    [Test]
    public void Clone_OfATransientDomain_IsRefused()
    {
        using var running = hypervisor.GetDomain("test");
        running.Undefine();
        running.IsPersistent.Should().BeFalse("a running domain without definition is transient");

        hypervisor.Invoking(h => h.PlanClone(running, new CloneRequest { Mode = CloneMode.Retarget }))
            .Should().Throw<InvalidOperationStateException>().WithMessage("*transient*");
    }

    [Test]
    public void Clone_WithoutTpmCopy_SaysTheTpmStateIsLost()
    {
        var plan = hypervisor.PlanClone(source, MigrateBothDisks with { CopyTpmState = false });

        plan.TpmState.Should().Be(TpmStateHandling.Lost);
        plan.TpmStateCopy.Should().BeNull();
        plan.Warnings.Should().ContainSingle(w => w.Contains("empty TPM", StringComparison.Ordinal));
    }

    [Test]
    public void Retarget_ChangesOnlyTheMigratedDiskElements()
    {
        var before = DomainDefinition.Parse(source.GetXml(secure: true, inactive: true));

        var plan = hypervisor.PlanClone(source, MigrateBothDisks with { Mode = CloneMode.Retarget });
        using var redefined = hypervisor.DefineClone(plan);

        redefined.Uuid.Should().Be(source.Uuid);
        redefined.Name.Should().Be("mail");
        plan.MacAddresses.Should().Equal(SourceMacs[0], SourceMacs[1]);
        plan.TpmState.Should().Be(TpmStateHandling.Kept);
        plan.NvramCopy.Should().BeNull();
        WithoutDisks(plan.Definition, "vda", "vdb").Should().Be(WithoutDisks(before, "vda", "vdb"), "nothing but vda and vdb may change");
        ChangedDiskTargets(before, plan.Definition).Should().BeEquivalentTo("vda", "vdb");
        redefined.Disks.Single(d => d.Target == "vda").SourcePath.Should().Be("/dev/mapper/cr_mail_vda");
    }

    private static List<(string, string)> AttributesOf(XElement element) =>
        element.Attributes().Select(a => (a.Name.LocalName, a.Value)).OrderBy(a => a.LocalName, StringComparer.Ordinal).ToList();

    private static string WithoutDisks(DomainDefinition definition, params string[] targets)
    {
        var copy = definition.Copy();
        foreach (var disk in copy.Disks.Where(d => targets.Contains(d.Target)))
        {
            disk.Element.Remove();
        }

        return copy.ToXml();
    }

    private static IEnumerable<string?> ChangedDiskTargets(DomainDefinition before, DomainDefinition after) =>
        after.Disks.Where(d => !XNode.DeepEquals(d.Element, before.Disks.Single(b => b.Target == d.Target).Element)).Select(d => d.Target);
}
