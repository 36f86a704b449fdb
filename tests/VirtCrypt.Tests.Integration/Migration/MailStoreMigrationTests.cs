using System.Diagnostics;
using System.Xml.Linq;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// What an administrator fears for a mail server: after each kind of migration, its mail store disk (vdb) still has
/// a valid GPT with the backup header on the last sector, a clean ext4 and the very same files (names, sizes, modes,
/// owners, hard links, sparse files, xattrs, contents). Each format through each copy engine: a qcow2 overlay over a
/// compressed base read by VirtCrypt (Clone) and mirrored by qemu (Live), raw read by VirtCrypt (Retarget; raw
/// under qemu's mirror is in LiveMigrationTests). The guest boots from another, small disk (vda). Discards: ignored
/// unless allowed, and when allowed a guest's discard frees space in the volume group's backing file.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class MailStoreMigrationTests
{
    private const long DiscardBytes = 8L << 20;
    private const string StoreDisk = "vdb";

    private MailStore store = null!;

    [OneTimeSetUp]
    public void BuildTheMailStore()
    {
        TestHost.Require();
        var clock = Stopwatch.StartNew();
        store = MailStore.Build();
        TestContext.Progress.WriteLine($"mail store built in {clock.Elapsed.TotalSeconds:0.0} s: {store.Manifest.Count} entries");
        store.Manifest.Count.Should().BeGreaterThan(1000);
    }

    [OneTimeTearDown]
    public void DeleteTheMailStore() => store?.Dispose();

    [Test]
    public async Task Clone_OfAMailServer_KeepsItsGptFilesystemAndFilesOfAQcow2ChainWithCompressedClusters_AndIgnoresTheGuestsDiscards()
    {
        await using var scenario = await MigrationScenario.CreateAsync(guest: s => MailServer(s, MailStoreFormat.Qcow2));
        var sourcesBefore = scenario.SourceChecksums();
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(start: true));
        plan.Disks.Select(d => (d.Target, d.Layout.IsExactSize)).Should().Equal(("vda", true), (StoreDisk, true));

        var result = await scenario.ExecuteAsync(plan);

        ShouldHoldTheMailStore(result);
        using (var clone = scenario.Hypervisor.GetDomain("mail-clone"))
        {
            var allocated = GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);
            var mapping = Mapping(result, StoreDisk);
            var before = MigrationScenario.Sha256(mapping.MapperPath, mapping.Layout.SourceBytes);

            GuestDiscard.Run(clone, StoreDisk, 0, mapping.Layout.SourceBytes);

            GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage).Should().Be(allocated, "discards were not allowed");
            MigrationScenario.Sha256(mapping.MapperPath, mapping.Layout.SourceBytes).Should().Be(before);
        }

        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task Retarget_WithDiscardsAllowed_KeepsTheMailStore_AndAGuestDiscardReachesTheLogicalVolume()
    {
        await using var scenario = await MigrationScenario.CreateAsync(guest: s => MailServer(s, MailStoreFormat.Raw));
        var sourcesBefore = scenario.SourceChecksums();
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(MigrationMode.Retarget, start: true) with { AllowDiscards = true });

        var result = await scenario.ExecuteAsync(plan);

        ShouldHoldTheMailStore(result);
        result.Disks.Should().OnlyContain(d => LuksVolume.Status(d.MapperName, null)!.AllowDiscards);
        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            XDocument.Parse(mail.GetXml()).Descendants("disk").Select(d => (string?)d.Element("driver")?.Attribute("discard"))
                .Should().Equal(["unmap", "unmap"], "the guest's discards are to reach the mappings");
            var allocated = GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);

            var report = GuestDiscard.Run(mail, StoreDisk, DiscardBytes, DiscardBytes);

            var freed = allocated - GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);
            TestContext.Out.WriteLine($"guest discard of {DiscardBytes >> 20} MiB freed {freed} bytes in the volume group's backing file: {report}");
            freed.Should().Be(DiscardBytes, "qemu, dm-crypt, the LV and the loop device all passed the discard down");
        }

        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    [Test]
    public async Task Live_WithDiscardsAllowed_KeepsTheMailStoreOfAQcow2ChainWithCompressedClusters_AndPassesDiscardsAfterAColdBoot()
    {
        await using var scenario = await MigrationScenario.CreateAsync(guest: s => MailServer(s, MailStoreFormat.Qcow2));
        var sourcesBefore = scenario.SourceChecksums();
        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.Start();
        }

        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(MigrationMode.Live) with { AllowDiscards = true });
        plan.Warnings.Should().Contain(w => w.StartsWith("Discards:", StringComparison.Ordinal) && w.Contains("cold boot", StringComparison.Ordinal));

        var result = await scenario.ExecuteAsync(plan);

        using (var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain))
        {
            mail.IsActive.Should().BeTrue();
            mail.Disks.Select(d => d.SourcePath).Should().Equal(result.Disks.Select(d => d.MapperPath));
            ShouldHoldTheMailStore(result);

            var allocated = GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);
            GuestDiscard.Run(mail, StoreDisk, 0, DiscardBytes);
            var freedWhileRunning = allocated - GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);

            mail.Destroy();
            mail.Start();
            allocated = GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);
            GuestDiscard.Run(mail, StoreDisk, DiscardBytes, DiscardBytes);
            var freedAfterColdBoot = allocated - GuestDiscard.AllocatedBytes(scenario.VolumeGroupImage);
            TestContext.Out.WriteLine($"guest discards freed {freedWhileRunning} bytes before and {freedAfterColdBoot} after a cold boot");
            (freedWhileRunning, freedAfterColdBoot).Should().Be((0, DiscardBytes));
        }

        scenario.SourceChecksums().Should().Equal(sourcesBefore);
    }

    private static DiskPlan Mapping(MigrationResult result, string target) => result.Disks.Single(d => d.Target == target);

    /// <summary>A boot-sector disk (vda), then the mail store (vdb) in <paramref name="format"/>.</summary>
    private MigrationScenario.Guest MailServer(MigrationScenario scenario, MailStoreFormat format)
    {
        var boot = Path.Combine(scenario.Work, "mail-boot.img");
        BootSectorGuest.CreateRawDisk(boot, 8L << 20, MigrationScenario.BootText);
        var (path, files) = store.CopyTo(scenario.Work, format);
        var disks = new[] { new GuestDisk(boot, "raw", "vda"), new GuestDisk(path, format == MailStoreFormat.Raw ? "raw" : "qcow2", StoreDisk) };
        var xml = BootSectorGuest.DomainXml(MigrationScenario.Domain, disks, scenario.SerialLog(MigrationScenario.Domain));
        return new MigrationScenario.Guest(xml, [boot, .. files]);
    }

    /// <summary>The checks an administrator would run on the mail store's mapping, against the source's.</summary>
    private void ShouldHoldTheMailStore(MigrationResult result)
    {
        var clock = Stopwatch.StartNew();
        var copy = DiskReport.Of(Mapping(result, StoreDisk).MapperPath);
        TestContext.Progress.WriteLine($"mail store mapping inspected in {clock.Elapsed.TotalSeconds:0.0} s");

        copy.Bytes.Should().Be(MailStore.DiskBytes, "the mapping is exactly as large as the source disk");
        copy.GptHasNoProblems.Should().BeTrue($"sgdisk -v: {copy.GptVerify}");
        (copy.BackupHeaderLba, copy.LastSectorIsBackupHeader).Should().Be((copy.LastLba, true), "the backup GPT header is on the last sector");
        copy.Partition.Should().Be(store.Partition);
        copy.FsckExit.Should().Be(0, $"fsck.ext4 -fn: {copy.Fsck}");
        copy.Manifest.Should().Equal(store.Manifest, $"the mapping holds the same files: {FileTreeManifest.Difference(store.Manifest, copy.Manifest)}");
    }
}
