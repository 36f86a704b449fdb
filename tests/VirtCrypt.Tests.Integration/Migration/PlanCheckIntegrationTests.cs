using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// The plan's checks on the real stack, where the kernel offers its crypto API (AF_ALG): a cipher the kernel lacks or a
/// key size it refuses, and a bad keyfile, are refused while the volume group is still untouched.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class PlanCheckIntegrationTests
{
    private const PlanCheckId Cipher = PlanCheckId.CipherSupported;

    /// <summary>One scenario for the fixture: every test here is refused and changes nothing, which each one checks.</summary>
    private MigrationScenario scenario = null!;

    [OneTimeSetUp]
    public async Task CreateScenario() => scenario = await MigrationScenario.CreateAsync();

    [OneTimeTearDown]
    public async Task RemoveScenario() => await scenario.DisposeAsync();

    [Test]
    public async Task ACipherOrKeySizeTheKernelLacks_FailsThePlan_AndNothingIsCreated()
    {
        var planning = Stopwatch.StartNew();
        var usual = await scenario.Service.PlanAsync(MigrationScenario.Request());
        await TestContext.Out.WriteLineAsync($"plan with the cipher benchmark: {planning.Elapsed.TotalSeconds:0.0} s; {usual.Checks.Single(c => c.Id == Cipher).Detail}");

        var unknown = await scenario.Service.PlanAsync(MigrationScenario.Request() with { Format = MigrationScenario.Format with { Cipher = "nosuchcipher" } });
        var badKey = await scenario.Service.PlanAsync(MigrationScenario.Request() with
        {
            Format = MigrationScenario.Format with { CipherMode = "cbc-essiv:sha256", KeySizeBits = 104 },
        });

        usual.CanExecute.Should().BeTrue();
        usual.Checks.Single(c => c.Id == Cipher).Detail.Should().MatchRegex(@"^aes-xts-plain64 with a 512-bit key: the kernel encrypts [\d.]+ MiB/s and decrypts [\d.]+ MiB/s");
        unknown.FailedChecks.Should().ContainSingle().Which.Detail.Should().StartWith(
            "The kernel's crypto API has no xts(nosuchcipher), so dm-crypt cannot use nosuchcipher-xts-plain64: choose a cipher the kernel has");
        badKey.FailedChecks.Should().ContainSingle().Which.Detail.Should().StartWith("The kernel refuses a 104-bit key for cbc(aes)");
        using var passphrase = MigrationScenario.NewPassphrase();
        await scenario.Service.Awaiting(s => s.ExecuteAsync(unknown, LuksKey.FromPassphrase(passphrase))).Should().ThrowAsync<MigrationRefusedException>();
        await NothingCreatedAsync();
    }

    [Test]
    public async Task Migrate_WithAnEmptyKeyFile_IsRefused_AndNothingIsCreated()
    {
        var keyFile = Path.Combine(scenario.Work, "empty.key");
        File.WriteAllBytes(keyFile, []);
        (await scenario.Service.PlanAsync(MigrationScenario.Request())).CanExecute.Should().BeTrue("only the key is wrong");

        using var cli = VirtcryptProcess.Start(
            "migrate", "--domain", MigrationScenario.Domain, "--vg", MigrationScenario.VolumeGroupName, "--job-dir", scenario.Jobs.Directory,
            "--pbkdf", "pbkdf2", "--iter-time", "1000", "--key-file", keyFile, "--yes");

        cli.WaitForExit(TimeSpan.FromMinutes(2)).Should().Be(2, cli.Output);
        cli.Output.Should().StartWith($"virtcrypt: The keyfile {keyFile} is empty: a key of 0 bytes would open the volume for anyone.");
        await NothingCreatedAsync();
    }

    private async Task NothingCreatedAsync()
    {
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        group.LogicalVolumeCount.Should().Be(0);
        Directory.Exists(scenario.Jobs.Directory).Should().BeFalse("no job was created");
        Directory.GetFiles("/dev/mapper", "cr_*").Should().BeEmpty();
    }
}
