using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;

using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// start, stop, open and close act only on domains that run from mappings a migration job created, and start refuses
/// the unencrypted source while its clone is defined. On libvirt's test driver: a plain domain, a domain on a mapping
/// nobody's job created, and a migration source with its clone made to look migrated by a journal.
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class GuestRoutineRefusalTests : TestDriverMigrationFixture
{
    private const string JobId = "20260101-120000-abcdef";
    private static readonly Guid CloneUuid = Guid.Parse("3c1b7e52-8d4a-4f0e-b6a1-52e0d9c4f713");
    private static readonly Guid LuksUuid = Guid.Parse("9f4e2d1c-7b6a-4e5f-8d3c-2b1a0f9e8d7c");

    [SetUp]
    public void DefineTheDomainsAndTheJournal()
    {
        Define("plain", null, $"<disk type='file' device='disk'><source file='{Image("plain.img")}'/><target dev='vda' bus='virtio'/></disk>");
        Define("hand", null, "<disk type='block' device='disk'><source dev='/dev/mapper/cr_hand'/><target dev='vda' bus='virtio'/></disk>");
        Define("mail", null, $"<disk type='file' device='disk'><source file='{Image("mail.img")}'/><target dev='vda' bus='virtio'/></disk>");
        Define("mail-clone", CloneUuid, MapperDisk);
        using var source = Hypervisor.GetDomain("mail");
        using var clone = Hypervisor.GetDomain("mail-clone");
        Jobs.Save(JobSamples.Job(JobId, JobSamples.Plan(
            "mail-clone",
            new MigrationRequest { Domain = "mail", VolumeGroup = "vg0" },
            source.Uuid,
            clone.GetXml(),
            disks: JobSamples.Disk(sourcePath: Path.Combine(Work, "mail.img"), luksUuid: LuksUuid))));
    }

    private static string MapperDisk => "<disk type='block' device='disk'><source dev='/dev/mapper/cr_mail-clone_vda'/><target dev='vda' bus='virtio'/></disk>";

    [Test]
    public async Task Start_OfTheSourceWhileItsCloneIsDefined_IsRefused_AndStartsNothing()
    {
        using var key = Key();

        var refused = await Service.Awaiting(s => s.StartAsync("mail", key.Key)).Should().ThrowAsync<InvalidOperationStateException>();

        refused.Which.Message.Should().Contain($"'mail' is the unencrypted source of migration job {JobId}")
            .And.Contain("'mail-clone'").And.Contain("virtcrypt start -d mail-clone").And.Contain("--force");
        Service.Invoking(s => s.CheckStart("mail")).Should().Throw<InvalidOperationStateException>().WithMessage(refused.Which.Message);
        IsActive("mail").Should().BeFalse();
    }

    [Test]
    public async Task Start_OfTheSource_WithForce_StartsIt()
    {
        using var key = Key();

        await Service.StartAsync("mail", key.Key, force: true);

        IsActive("mail").Should().BeTrue();
        IsActive("mail-clone").Should().BeFalse();
    }

    [Test]
    public async Task Start_OfTheSourceWhileItsCloneRuns_IsRefused_EvenWithForce()
    {
        using (var clone = Hypervisor.GetDomain("mail-clone"))
        {
            clone.Start();
        }

        using var key = Key();

        await Service.Awaiting(s => s.StartAsync("mail", key.Key, force: true)).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage("*'mail-clone'*running*never run at once, not even with --force*");
        IsActive("mail").Should().BeFalse();
    }

    [Test]
    public async Task Start_OfTheSource_OnceTheCloneIsGone_IsRefusedAsNeverMigrated()
    {
        using (var clone = Hypervisor.GetDomain("mail-clone"))
        {
            clone.Undefine();
        }

        using var key = Key();

        await Service.Awaiting(s => s.StartAsync("mail", key.Key)).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage("VirtCrypt never migrated 'mail'*virsh start mail*");
        IsActive("mail").Should().BeFalse();
    }

    [TestCase("plain")]
    [TestCase("hand")]
    public async Task Start_OfADomainVirtCryptNeverMigrated_IsRefused_AndStartsNothing(string domain)
    {
        using var key = Key();

        await Service.Awaiting(s => s.StartAsync(domain, key.Key, force: true)).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage($"VirtCrypt never migrated '{domain}': none of its disks is on a mapping that a migration job in {Jobs.Directory} created*virsh start {domain}*");
        IsActive(domain).Should().BeFalse();
    }

    [TestCase("plain")]
    [TestCase("hand")]
    public async Task Stop_OfADomainVirtCryptNeverMigrated_IsRefused_AndItKeepsRunning(string domain)
    {
        using (var running = Hypervisor.GetDomain(domain))
        {
            running.Start();
        }

        await Service.Awaiting(s => s.StopAsync(domain, TimeSpan.FromSeconds(5), destroyOnTimeout: true)).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage($"VirtCrypt never migrated '{domain}'*virsh shutdown {domain}*");
        IsActive(domain).Should().BeTrue();
    }

    [Test]
    public async Task Stop_OfTheMigratedClone_IsNotRefused()
    {
        using (var clone = Hypervisor.GetDomain("mail-clone"))
        {
            clone.Start();
        }

        var outcome = await Service.StopAsync("mail-clone", TimeSpan.FromSeconds(5), destroyOnTimeout: true);

        outcome.Should().BeOneOf(ShutdownOutcome.ShutDown, ShutdownOutcome.Destroyed);
        IsActive("mail-clone").Should().BeFalse();
    }

    [Test]
    public async Task ADomainThatOnlyBearsTheClonesName_IsNotTheJobs()
    {
        using (var clone = Hypervisor.GetDomain("mail-clone"))
        {
            clone.Undefine();
        }

        Define("mail-clone", Guid.NewGuid(), MapperDisk);
        using (var impostor = Hypervisor.GetDomain("mail-clone"))
        {
            impostor.Start();
        }

        await Service.Awaiting(s => s.StopAsync("mail-clone", TimeSpan.FromSeconds(5), destroyOnTimeout: true)).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage("VirtCrypt never migrated 'mail-clone'*");
        IsActive("mail-clone").Should().BeTrue("the journal's clone had another UUID");
    }

    [TestCase("plain")]
    [TestCase("hand")]
    public async Task Open_OfADomainVirtCryptNeverMigrated_Fails_WithAClearMessage(string domain)
    {
        using var key = Key();

        await Service.Awaiting(s => s.OpenVolumesAsync(domain, key.Key)).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage($"VirtCrypt never migrated '{domain}'*there is nothing to open*--job-dir*");
        Service.Invoking(s => s.CheckOpen(domain)).Should().Throw<ObjectNotFoundException>();
    }

    [Test]
    public async Task Close_OfAMappingNoJobCreated_IsRefused_UnlessForced()
    {
        await Service.Awaiting(s => s.CloseVolumeAsync("cr_hand")).Should().ThrowAsync<InvalidOperationStateException>()
            .WithMessage($"/dev/mapper/cr_hand was not opened by VirtCrypt: no migration job in {Jobs.Directory} created it*cryptsetup close cr_hand*--force*");

        // With --force the ownership check is skipped and the close goes to the kernel, which has no device-mapper here.
        await Service.Awaiting(s => s.CloseVolumeAsync("cr_hand", force: true)).Should().ThrowAsync<DeviceMapperUnavailableException>();
    }

    [Test]
    public async Task Close_OfAJobsMappingThatIsNotOpen_SaysSo() =>
        await Service.Awaiting(s => s.CloseVolumeAsync("cr_mail-clone_vda")).Should().ThrowAsync<ObjectNotFoundException>()
            .WithMessage("*/dev/mapper/cr_mail-clone_vda*no such mapping is open*");

    [Test]
    public void Cli_OpenOfANeverMigratedDomain_ExitsNonZero_WithTheMessage()
    {
        var node = Path.Combine(Work, "node.xml");
        File.WriteAllText(node, $"""
            <node>
              <domain type='test'>
                <name>plain</name>
                <memory unit='KiB'>32768</memory>
                <os><type arch='x86_64'>hvm</type></os>
                <devices><disk type='file' device='disk'><source file='{Image("cli.img")}'/><target dev='vda' bus='virtio'/></disk></devices>
              </domain>
            </node>
            """);

        var (exit, output, error) = VirtcryptProcess.RunToEnd(
            "open", "-d", "plain", "--connect", "test://" + node, "--job-dir", Jobs.Directory);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith("virtcrypt: VirtCrypt never migrated 'plain'").And.NotContain("Passphrase", "it refuses before it asks");
    }

    private void Define(string name, Guid? uuid, string disks)
    {
        using var defined = Hypervisor.Define(DomainDefinition.Parse($"""
            <domain type='test'>
              <name>{name}</name>
              {(uuid is { } u ? $"<uuid>{u:D}</uuid>" : "")}
              <memory unit='KiB'>32768</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>{disks}</devices>
            </domain>
            """));
    }

    private bool IsActive(string name)
    {
        using var domain = Hypervisor.GetDomain(name);
        return domain.IsActive;
    }

    private static PassphraseKey Key() => new(Secret.FromChars("never used"));

    /// <summary>A passphrase key and its secret, disposed together.</summary>
    private sealed class PassphraseKey(Secret secret) : IDisposable
    {
        internal LuksKey Key { get; } = LuksKey.FromPassphrase(secret);

        public void Dispose() => secret.Dispose();
    }
}
