using System.Xml.Linq;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

[TestFixture]
[Category("Unit")]
public class CloneRewriterTests
{
    private static readonly CloneContext Empty = new();

    private static DomainDefinition Corpus(string file) => DomainSamples.Corpus(file);

    [TestCase("mail", new string[0], "mail-clone")]
    [TestCase("mail", new[] { "mail-clone" }, "mail-clone1")]
    [TestCase("mail", new[] { "mail-clone", "mail-clone1" }, "mail-clone2")]
    [TestCase("mail-clone", new string[0], "mail-clone1")]
    [TestCase("mail-clone3", new[] { "mail-clone4" }, "mail-clone5")]
    public void GenerateName_FollowsVirtClone(string source, string[] taken, string expected) =>
        CloneRewriter.GenerateName(source, taken.ToHashSet()).Should().Be(expected);

    [TestCase("/var/log/libvirt/qemu/mail.log", "/var/log/libvirt/qemu/web.log")]
    [TestCase("/var/log/console.log", "/var/log/console-clone.log")]
    [TestCase("/var/log/mail", "/var/log/web")]
    [TestCase("/tmp/serial.averylongsuffix", "/tmp/serial.averylongsuffix-clone")]
    public void ClonePath_FollowsVirtClone(string path, string expected) =>
        CloneRewriter.ClonePath(path, "mail", "web").Should().Be(expected);

    [Test]
    public void Rewrite_NetworkDisk_IsRefused()
    {
        var request = new CloneRequest { Disks = [new DiskMigration("vda", "/dev/mapper/cr_vda")], Mode = CloneMode.Retarget };

        FluentActions.Invoking(() => CloneRewriter.Rewrite(Corpus("disk-network-rbd.xml"), request, Empty))
            .Should().Throw<OperationNotSupportedException>().WithMessage("*'vda'*network disk (rbd)*");
    }

    [Test]
    public void Rewrite_DiskWithoutSource_IsRefused()
    {
        var definition = Corpus("disk-cdrom.xml");
        var empty = definition.Disks.Single(d => d.Target == "hdc");
        empty.Element.SetAttributeValue("device", "disk");
        empty.Element.Element("readonly")!.Remove();
        var request = new CloneRequest { Disks = [new DiskMigration("hdc", "/dev/mapper/cr_hdc")], Mode = CloneMode.Retarget };

        FluentActions.Invoking(() => CloneRewriter.Rewrite(definition, request, Empty))
            .Should().Throw<OperationNotSupportedException>().WithMessage("*'hdc'*no source*");
    }

    [TestCase("hdb", "cdrom")]
    [TestCase("vdc", "read-only")]
    public void Rewrite_SharedDisk_IsNotMigrated(string target, string why)
    {
        var definition = target == "hdb" ? Corpus("disk-cdrom.xml") : ReadOnlyDisk();
        var request = new CloneRequest { Disks = [new DiskMigration(target, "/dev/mapper/cr_x")], Mode = CloneMode.Retarget };

        FluentActions.Invoking(() => CloneRewriter.Rewrite(definition, request, Empty))
            .Should().Throw<OperationNotSupportedException>().WithMessage($"*{why}*not migrated*");
    }

    [Test]
    public void Rewrite_UnknownTarget_IsRefused() =>
        FluentActions.Invoking(() => CloneRewriter.Rewrite(
                Corpus("net-virtio.xml"), new CloneRequest { Disks = [new DiskMigration("vdq", "/dev/mapper/cr_x")] }, Empty))
            .Should().Throw<ObjectNotFoundException>().WithMessage("*'vdq'*hda*");

    [TestCase("/dev/vg0/lv")]
    [TestCase("/dev/mapper/")]
    [TestCase("/dev/mapper/a/b")]
    [TestCase("/dev/mapper/a b")]
    public void Rewrite_DevicePathOutsideDeviceMapper_IsRefused(string path) =>
        FluentActions.Invoking(() => CloneRewriter.Rewrite(
                Corpus("net-virtio.xml"), new CloneRequest { Disks = [new DiskMigration("hda", path)] }, Empty))
            .Should().Throw<InvalidNameException>().WithMessage("*/dev/mapper/NAME*");

    [Test]
    public void Rewrite_CloneLeavingAWritableDiskShared_IsRefused()
    {
        var request = new CloneRequest { Disks = [new DiskMigration("vda", "/dev/mapper/cr_vda")] };

        FluentActions.Invoking(() => CloneRewriter.Rewrite(Corpus("boot-complex.xml"), request, Empty))
            .Should().Throw<InvalidOperationStateException>().WithMessage("*'vdb'*writable*");
    }

    [Test]
    public void Rewrite_TransientSource_IsRefused() =>
        FluentActions.Invoking(() => CloneRewriter.Rewrite(Corpus("net-virtio.xml"), new CloneRequest(), new CloneContext { SourceIsPersistent = false }))
            .Should().Throw<InvalidOperationStateException>().WithMessage("*transient*");

    [TestCase("")]
    [TestCase("a/b")]
    public void Rewrite_InvalidNewName_IsRefused(string name) =>
        FluentActions.Invoking(() => CloneRewriter.Rewrite(
                Corpus("net-virtio.xml"), new CloneRequest { NewName = name, Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] }, Empty))
            .Should().Throw<InvalidNameException>();

    [Test]
    public void Rewrite_MalformedMac_IsRefused() =>
        FluentActions.Invoking(() => CloneRewriter.Rewrite(
                Corpus("net-virtio.xml"),
                new CloneRequest { MacAddresses = ["52:54:00:zz:00:01"], Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] },
                Empty))
            .Should().Throw<InvalidNameException>().WithMessage("*52:54:00:zz:00:01*");

    [Test]
    public void Rewrite_BlockDiskWithoutDriver_GetsARawDriverBeforeItsSource()
    {
        var result = CloneRewriter.Rewrite(
            Corpus("cputune.xml"), new CloneRequest { Mode = CloneMode.Retarget, Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] }, Empty);

        var disk = result.Definition.Disks.Single().Element;
        disk.Elements().Select(e => e.Name.LocalName).Should().Equal("driver", "source", "target", "address");
        disk.Element("driver")!.Attribute("discard").Should().BeNull("discards were not allowed");
        result.Definition.ToXml().Should().Contain("<driver name=\"qemu\" type=\"raw\" cache=\"none\" io=\"native\" />");
    }

    [Test]
    public void Rewrite_FixedSpicePorts_BecomeAutomatic()
    {
        var result = CloneRewriter.Rewrite(
            Corpus("graphics-spice.xml"), new CloneRequest { Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] }, Empty);

        var graphics = result.Definition.Graphics.Single();
        graphics.Should().Match<GraphicsDefinition>(g => g.AutoPort && g.Port == null && g.TlsPort == null);
        graphics.Element.Elements("channel").Should().HaveCount(2, "everything else in <graphics> stays");
    }

    [Test]
    public void Rewrite_UnixChannels_LoseTheirBoundPaths()
    {
        var result = CloneRewriter.Rewrite(Corpus("channel-unix-source-path.xml"), new CloneRequest(), Empty);

        result.Definition.CharDevices.Should().HaveCount(4).And.OnlyContain(c => c.SourcePath == null && c.SourceMode == "bind");
    }

    [Test]
    public void Rewrite_SysinfoUuid_FollowsTheNewUuid_AndTheSourceIsUntouched()
    {
        var source = Corpus("smbios.xml");
        var before = source.ToXml();

        var result = CloneRewriter.Rewrite(source, new CloneRequest { Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] }, Empty);

        result.Definition.SysinfoSystemUuid.Should().Be(result.Uuid);
        result.Definition.Uuid.Should().Be(result.Uuid);
        source.ToXml().Should().Be(before);
    }

    [Test]
    public void Rewrite_NvramWithoutCopy_StillGetsItsOwnPath()
    {
        var result = CloneRewriter.Rewrite(
            Corpus("bios-nvram.xml"), new CloneRequest { NewName = "uefi", CopyNvram = false, Disks = [new DiskMigration("hda", "/dev/mapper/cr_hda")] }, Empty);

        result.Definition.NvramPath.Should().Be("/usr/share/OVMF/uefi_VARS.fd");
        result.NvramCopy.Should().BeNull();
    }

    [Test]
    public void Rewrite_IdAndBackingChain_AreRemoved()
    {
        var result = CloneRewriter.Rewrite(
            Corpus("disk-backing-chains.xml"),
            new CloneRequest { Mode = CloneMode.Retarget, Disks = [new DiskMigration("vde", "/dev/mapper/cr_vde")] }, Empty);
        result.Definition.Id.Should().Be(1, "retargeting keeps the definition as it is");

        var clone = CloneRewriter.Rewrite(
            Corpus("disk-discard.xml"),
            new CloneRequest { Disks = [new DiskMigration("vda", "/dev/mapper/cr_vda")], AllowDiscard = true }, Empty);
        clone.Definition.Disks.Single(d => d.Target == "vda").Element.Element("driver")!.Attribute("discard")!.Value.Should().Be("unmap");
        clone.Definition.Id.Should().BeNull();
    }

    [Test]
    public void Rewrite_Tpm_IsNeverSilent()
    {
        var copied = CloneRewriter.Rewrite(Corpus("tpm-emulator.xml"), new CloneRequest(), Empty);
        var lost = CloneRewriter.Rewrite(Corpus("tpm-emulator.xml"), new CloneRequest { CopyTpmState = false }, Empty);

        copied.TpmState.Should().Be(TpmStateHandling.Copied);
        copied.TpmStateCopy.Should().Be(new FileCopyPlan(
            "/var/lib/libvirt/swtpm/11d7cd22-da89-3094-6212-079a48a309a1", $"/var/lib/libvirt/swtpm/{copied.Uuid:D}"));
        lost.TpmState.Should().Be(TpmStateHandling.Lost);
        lost.Warnings.Should().ContainSingle().Which.Should().Contain("empty TPM");
    }

    private static DomainDefinition ReadOnlyDisk()
    {
        var definition = Corpus("net-virtio.xml");
        var disk = new XElement(definition.Disks.Single().Element);
        disk.Element("target")!.SetAttributeValue("dev", "vdc");
        disk.Element("address")!.Remove();
        disk.Add(new XElement("readonly"));
        definition.Disks.Single().Element.AddAfterSelf(disk);
        return definition;
    }
}
