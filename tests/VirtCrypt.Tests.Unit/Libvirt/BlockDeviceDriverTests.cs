using CsCheck;
using System.Xml.Linq;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>
/// The driver of a disk moved onto a dm-crypt mapping keeps the administrator's settings that apply to a raw block
/// device: real definitions as libvirt writes them (Samples/, Corpus/) and random ones.
/// </summary>
[TestFixture]
[Category("Unit")]
public class BlockDeviceDriverTests
{
    private static readonly CloneContext Empty = new();

    [Test]
    public void MailServer_KeepsEverySettingThatApplies_AndSaysWhatItDefaultsOrDrops()
    {
        var result = Migrate(Sample("mail-disk-settings.xml"), null, "vda", "vdb", "vdc", "sdb");

        Driver(result, "vda").Should().Equal(
            ("name", "qemu"), ("type", "raw"), ("cache", "writeback"), ("error_policy", "stop"), ("rerror_policy", "report"), ("io", "threads"),
            ("discard", "unmap"), ("iothread", "1"), ("detect_zeroes", "unmap"), ("queues", "4"), ("queue_size", "256"));
        DriverElement(result, "vda").HasElements.Should().BeFalse("metadata_cache tunes qcow2 only");
        DriverElement(result, "vda").ToString().Should().EndWith("/>", "the emptied driver is written as an empty element again");
        Driver(result, "vdb").Should().Equal(("name", "qemu"), ("type", "raw"), ("discard", "unmap"), ("cache", "none"), ("io", "native"));
        Driver(result, "vdc").Should().Equal(
            ("name", "qemu"), ("type", "raw"), ("cache", "directsync"), ("ioeventfd", "on"), ("event_idx", "off"), ("copy_on_read", "on"),
            ("iommu", "on"), ("packed", "on"), ("io", "native"));
        Driver(result, "sdb").Should().Equal(("name", "qemu"), ("type", "raw"), ("cache", "unsafe"), ("error_policy", "enospace"));

        result.Warnings.Should().ContainSingle(w => w.StartsWith("vda:", StringComparison.Ordinal))
            .Which.Should().Contain("<metadata_cache> is dropped").And.Contain("qcow2");
        result.Warnings.Should().ContainSingle(w => w.StartsWith("vdb:", StringComparison.Ordinal))
            .Which.Should().Contain("sets no cache or io mode").And.Contain("cache='none' io='native'");
        result.Warnings.Should().ContainSingle(w => w.StartsWith("vdc:", StringComparison.Ordinal))
            .Which.Should().Contain("sets no io mode").And.Contain("io='native'").And.NotContain("cache='none'");
        result.Warnings.Should().ContainSingle(w => w.StartsWith("sdb:", StringComparison.Ordinal))
            .Which.Should().Contain("io is left to the hypervisor's default").And.Contain("cache='unsafe'");
    }

    [Test]
    public void MailServer_DisksOtherThanTheMigratedOnes_AndTheRestOfEachDisk_AreUntouched()
    {
        var source = Sample("mail-disk-settings.xml");

        var result = Migrate(source, null, "vda", "vdb", "vdc", "sdb");

        XNode.DeepEquals(Disk(result.Definition, "sda").Element, Disk(source, "sda").Element).Should().BeTrue("the cdrom is not migrated");
        var vdb = Disk(result.Definition, "vdb");
        vdb.Element.Element("serial")!.Value.Should().Be("SPOOL01");
        vdb.SourcePath.Should().Be("/dev/mapper/cr_vdb");
        Disk(result.Definition, "vda").BootOrder.Should().Be(1);
        Disk(result.Definition, "sdb").Element.Element("address")!.Attribute("unit")!.Value.Should().Be("1");
    }

    [Test]
    public void Discards_FollowEachSourceDisk_UnlessTheAdministratorChooses()
    {
        var source = Sample("mail-disk-settings.xml");
        string[] targets = ["vda", "vdb", "vdc", "sdb"];
        string?[] Discards(bool? choice)
        {
            var result = Migrate(source, choice, targets);
            return targets.Select(t => Disk(result.Definition, t).Discard).ToArray();
        }

        targets.Select(t => Disk(source, t).Discard).Should().Equal("unmap", "unmap", null, null);
        Discards(null).Should().Equal("unmap", "unmap", null, null);
        Discards(true).Should().Equal("unmap", "unmap", "unmap", "unmap");
        Discards(false).Should().Equal(null, null, null, null);
    }

    [Test]
    public void ExplicitIgnore_StaysUnlessDiscardsAreAllowed()
    {
        var source = Corpus("disk-discard.xml");
        Disk(source, "vda").Element.Element("driver")!.SetAttributeValue("discard", "ignore");

        Disk(Migrate(source, null, "vda").Definition, "vda").Discard.Should().Be("ignore");
        Disk(Migrate(source, false, "vda").Definition, "vda").Discard.Should().Be("ignore");
        Disk(Migrate(source, true, "vda").Definition, "vda").Discard.Should().Be("unmap");
    }

    [Test]
    public void LibvirtTestData_DiskDiscard_KeepsUnmapAndBecomesRaw()
    {
        var result = Migrate(Corpus("disk-discard.xml"), null, "vda");

        Driver(result, "vda").Should().Equal(("discard", "unmap"), ("name", "qemu"), ("type", "raw"), ("cache", "none"), ("io", "native"));
    }

    [Test]
    public void LibvirtTestData_CacheNone_GetsOnlyTheIoDefault()
    {
        var result = Migrate(Corpus("blkdeviotune.xml"), null, "hda", "hdb");

        Driver(result, "hda").Should().Equal(("name", "qemu"), ("type", "raw"), ("cache", "none"), ("io", "native"));
        Disk(result.Definition, "hda").Element.Element("iotune")!.Element("total_iops_sec")!.Value.Should().Be("6000");
        result.Warnings.Should().ContainSingle(w => w.StartsWith("hda:", StringComparison.Ordinal)).Which.Should().Contain("sets no io mode");
    }

    [Test]
    public void DiskWithoutDriver_GetsTheBlockDeviceDefaults()
    {
        var source = Corpus("disk-discard.xml");
        XmlEdit.Remove(Disk(source, "vda").Element.Element("driver")!);

        var result = Migrate(source, null, "vda");

        Driver(result, "vda").Should().Equal(("name", "qemu"), ("type", "raw"), ("cache", "none"), ("io", "native"));
        Disk(result.Definition, "vda").Element.Elements().First().Should().BeSameAs(DriverElement(result, "vda"), "libvirt writes the driver first");
    }

    /// <summary>
    /// Random source disks with random driver settings: every attribute and child element that applies to a raw block
    /// device stays as it was, exactly the format-only ones go, and cache, io and discard follow their rules.
    /// </summary>
    [Test]
    public void RandomDrivers_KeepExactlyWhatAppliesToARawBlockDevice() =>
        RandomDisk.Generator.Sample(disk =>
        {
            var source = disk.Definition();
            var result = Migrate(source, disk.DiscardChoice, "vdb");
            var driver = DriverElement(result, "vdb");

            var expected = disk.Attributes.Where(a => DriverSchema.Applies(a.Name)).ToDictionary(a => a.Name, a => a.Value);
            expected["type"] = "raw";
            expected["name"] = disk.Value("name") ?? "qemu";
            expected["cache"] = disk.Value("cache") ?? "none";
            if (disk.Value("io") is null && expected["cache"] is "none" or "directsync")
            {
                expected["io"] = "native";
            }

            var discard = disk.DiscardChoice switch
            {
                true => "unmap",
                false => disk.Value("discard") == "unmap" ? null : disk.Value("discard"),
                null => disk.Value("discard"),
            };
            expected.Remove("discard");
            if (discard is not null)
            {
                expected["discard"] = discard;
            }

            var why = disk.ToString();
            driver.Attributes().Select(a => $"{a.Name.LocalName}={a.Value}").Order().Should().Equal(expected.Select(a => $"{a.Key}={a.Value}").Order(), why);
            driver.Elements().Select(Unindented).Should().Equal(disk.Children.Where(c => DriverSchema.Applies(c.Name.LocalName)).Select(Unindented), why);
            var dropped = disk.Attributes.Select(a => a.Name).Concat(disk.Children.Select(c => c.Name.LocalName)).Where(n => !DriverSchema.Applies(n));
            dropped.Where(d => !result.Warnings.Any(w => w.StartsWith("vdb:", StringComparison.Ordinal) && w.Contains(d, StringComparison.Ordinal)))
                .Should().BeEmpty("every dropped setting is named in the plan: " + why);
            result.Warnings.Any(w => w.Contains("sets no cache", StringComparison.Ordinal)).Should().Be(disk.Value("cache") is null, why);
        }, iter: 2000);

    private static CloneResult Migrate(DomainDefinition source, bool? allowDiscards, params string[] targets) =>
        CloneRewriter.Rewrite(
            source,
            new CloneRequest { Mode = CloneMode.Retarget, AllowDiscard = allowDiscards, Disks = targets.Select(t => new DiskMigration(t, "/dev/mapper/cr_" + t)).ToList() },
            Empty);

    private static string Unindented(XElement element) => XElement.Parse(element.ToString()).ToString(SaveOptions.DisableFormatting);

    private static XElement DriverElement(CloneResult result, string target) => Disk(result.Definition, target).Element.Element("driver")!;

    private static List<(string, string)> Driver(CloneResult result, string target) =>
        DriverElement(result, target).Attributes().Select(a => (a.Name.LocalName, a.Value)).ToList();

    private static DiskDefinition Disk(DomainDefinition definition, string target) => definition.Disks.Single(d => d.Target == target);

    private static DomainDefinition Sample(string file) => DomainSamples.Sample(file);

    private static DomainDefinition Corpus(string file) => DomainSamples.Corpus(file);
}
