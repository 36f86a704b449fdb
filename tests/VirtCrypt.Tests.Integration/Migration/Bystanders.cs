using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Tests.Guest;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// Objects next to a migration that are not its job's: a running, autostarted domain "web"; a logical volume
/// "precious" of data; a LUKS volume "vault" open as cr_vault; a directory and a file of root's. Each is fingerprinted
/// when made, so a test can prove that nothing touched it.
/// </summary>
internal sealed class Bystanders
{
    internal const string Domain = "web";
    internal const string Volume = "precious";
    internal const string VaultMapper = "cr_vault";

    private readonly MigrationScenario scenario;
    private string webXml = "";
    private string volumeSha256 = "";
    private List<(string, string)> directorySha256 = [];
    private string fileSha256 = "";

    private Bystanders(MigrationScenario scenario)
    {
        this.scenario = scenario;
        Directory = Path.Combine(scenario.Work, "precious-dir");
        File = Path.Combine(scenario.Work, "precious.conf");
    }

    internal Guid WebUuid { get; private set; }

    internal string Directory { get; }

    internal string File { get; }

    internal static string VolumePath => $"/dev/{MigrationScenario.VolumeGroupName}/{Volume}";

    internal static async Task<Bystanders> CreateAsync(MigrationScenario scenario)
    {
        var bystanders = new Bystanders(scenario);
        await bystanders.MakeAsync();
        return bystanders;
    }

    /// <summary>Everything as it was made: web running, autostarted, defined as before; the volume, the mapping, the files unchanged.</summary>
    internal void AssertUntouched()
    {
        using (var web = scenario.Hypervisor.GetDomain(WebUuid))
        {
            web.IsActive.Should().BeTrue("the bystander domain keeps running");
            web.Autostart.Should().BeTrue();
            web.GetXml(inactive: true).Should().Be(webXml);
        }

        MigrationScenario.Sha256(VolumePath).Should().Be(volumeSha256, "the bystander volume is never written");
        LuksVolume.Status(VaultMapper, null).Should().NotBeNull("the bystander mapping stays open");
        DirectorySha256().Should().Equal(directorySha256);
        MigrationScenario.Sha256(File).Should().Be(fileSha256);
    }

    private async Task MakeAsync()
    {
        var disk = Path.Combine(scenario.Work, "web.img");
        BootSectorGuest.CreateRawDisk(disk, 1 << 20, "web");
        using (var web = scenario.Hypervisor.Define(DomainDefinition.Parse(BootSectorGuest.DomainXml(Domain, disk, "raw", Path.Combine(scenario.Work, "web.log")))))
        {
            web.Autostart = true;
            web.Start();
            WebUuid = web.Uuid;
            webXml = web.GetXml(inactive: true);
        }

        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        await group.CreateLinearAsync(Volume, 8 << 20);
        await using (var volume = new FileStream(VolumePath, FileMode.Open, FileAccess.Write))
        {
            var data = new byte[8 << 20];
            new Random(7).NextBytes(data);
            await volume.WriteAsync(data);
        }

        volumeSha256 = MigrationScenario.Sha256(VolumePath);
        var vault = (await group.CreateLinearAsync("vault", 8 << 20)).Volume;
        using (var passphrase = Secret.FromChars("the vault's own passphrase"))
        {
            var cheap = new LuksFormatOptions { Version = LuksVersion.Luks1, Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 } };
            using var luks = await LuksVolume.FormatAsync(vault.DevicePath, LuksKey.FromPassphrase(passphrase), cheap);
            await luks.OpenAsync(VaultMapper, LuksKey.FromPassphrase(passphrase));
        }

        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "chapters"));
        System.IO.File.WriteAllText(Path.Combine(Directory, "thesis.tex"), "years of work\n");
        System.IO.File.WriteAllText(Path.Combine(Directory, "chapters", "one.tex"), "chapter one\n");
        directorySha256 = DirectorySha256();
        System.IO.File.WriteAllText(File, "root's configuration\n");
        fileSha256 = MigrationScenario.Sha256(File);
    }

    private List<(string, string)> DirectorySha256() =>
        System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, MigrationScenario.Sha256(f))).ToList();
}
