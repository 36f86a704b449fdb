using VirtCrypt.Boot;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Integration.Migration;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Boot;

/// <summary>Boot-time unlock for a guest migrated once for the whole fixture (the migration is the slow part).</summary>
[TestFixture]
[Category("Integration")]
public class BootConfigIntegrationTests
{
    private const string Clone = "mail-clone";
    private const string TestMapping = "vc_boot_test";
    private static readonly PbkdfOptions CheapPbkdf2 = new() { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 };

    private MigrationScenario scenario = null!;
    private MigrationPlan plan = null!;
    private Secret passphrase = null!;

    [OneTimeSetUp]
    public async Task MigrateTheGuest()
    {
        TestHost.Require();
        scenario = await MigrationScenario.CreateAsync();
        plan = await scenario.Service.PlanAsync(MigrationScenario.Request());
        passphrase = MigrationScenario.NewPassphrase();
        await scenario.Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        passphrase?.Dispose();
        if (scenario is not null)
        {
            await scenario.DisposeAsync();
        }
    }

    [Test]
    public async Task Crypttab_ForTheMigratedGuest_ParsesBackToItsVolumes_FromTheOpenMappingsAndFromTheJournal()
    {
        await scenario.Service.OpenVolumesAsync(Clone, LuksKey.FromPassphrase(passphrase));
        var finder = new EncryptedVolumeFinder(scenario.Hypervisor, scenario.Jobs);
        // vda's source disk passes discards (discard='unmap'), vdb's does not: each volume keeps its own choice.
        var expected = plan.Disks.Select(d => new { d.MapperName, LuksUuid = Guid.Parse(HeaderUuid(d.LvPath)), AllowDiscards = d.Target == "vda" }).ToList();
        plan.Disks.Select(d => d.LuksUuid).Should().Equal(expected.Select(e => e.LuksUuid));

        var fromMappings = finder.Find(Clone);
        await CloseMappingsAsync();
        var fromJournal = finder.Find(Clone);

        fromMappings.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        fromJournal.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        fromJournal.Select(v => v.DevicePath).Should().Equal(plan.Disks.Select(d => d.LvPath));

        var crypttab = Path.Combine(scenario.Work, "crypttab");
        File.WriteAllText(crypttab, "# the host's own volumes\n");
        var config = BootConfig.For(Clone, fromJournal, dropInDirectories: [Path.Combine(scenario.Work, "libvirtd.service.d")]);
        config.Write(crypttab).Should().Equal(crypttab + ".virtcrypt-bak");

        CrypttabFile.Load(crypttab).Entries.Select(e => new { e.Name, e.Uuid, e.KeyFile, e.Options })
            .Should().BeEquivalentTo(
                expected.Select(e => new { Name = e.MapperName, Uuid = (Guid?)e.LuksUuid, KeyFile = (string?)null, Options = e.AllowDiscards ? new[] { "luks", "discard" } : ["luks"] }),
                o => o.WithStrictOrdering());
        File.ReadAllText(config.DropIns[0].Path).Should().Contain(@"After=systemd-cryptsetup@cr_mail\x2dclone_vda.service");
        FluentActions.Invoking(() => config.Write(crypttab)).Should().Throw<ObjectAlreadyExistsException>();
    }

    [Test]
    public async Task EnrolledKeyFile_OpensTheVolume_ThePassphraseStillDoes_AndRemovingKeysStopsAtTheLast()
    {
        await CloseMappingsAsync();
        var keyFile = Path.Combine(scenario.Work, "mail.key");
        var devices = new EncryptedVolumeFinder(scenario.Hypervisor, scenario.Jobs).Find(Clone).Select(v => v.DevicePath).ToList();

        var enrolled = await KeyFileEnrollment.EnrollAsync(devices, LuksKey.FromPassphrase(passphrase), keyFile, CheapPbkdf2);

        enrolled.Should().Equal(devices.Select(d => new EnrolledKeyslot(d, 1)));
        using var volume = LuksVolume.Load(plan.Disks[1].LvPath);
        await OpenAndCloseAsync(volume, LuksKey.FromKeyFile(keyFile));
        await OpenAndCloseAsync(volume, LuksKey.FromPassphrase(passphrase));

        (await volume.RemoveKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(1);
        var removeLast = () => volume.RemoveKeyAsync(LuksKey.FromPassphrase(passphrase));
        (await removeLast.Should().ThrowAsync<InvalidOperationStateException>()).WithMessage("*keyslot 0 is the last one*");
        await OpenAndCloseAsync(volume, LuksKey.FromPassphrase(passphrase));
    }

    private static async Task OpenAndCloseAsync(LuksVolume volume, LuksKey key)
    {
        var mapped = await volume.OpenAsync(TestMapping, key);
        try
        {
            mapped.Path.Should().Be("/dev/mapper/" + TestMapping);
            LuksVolume.Status(TestMapping).Should().NotBeNull();
        }
        finally
        {
            await LuksVolume.CloseAsync(TestMapping);
        }
    }

    private static string HeaderUuid(string device)
    {
        using var volume = LuksVolume.Load(device);
        return volume.GetInfo().Uuid;
    }

    private async Task CloseMappingsAsync()
    {
        foreach (var disk in plan.Disks.Where(d => LuksVolume.Status(d.MapperName) is not null))
        {
            await LuksVolume.CloseAsync(disk.MapperName);
        }
    }
}
