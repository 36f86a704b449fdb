using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Migration;

namespace VirtCrypt.Tests.Integration.Fleet;

/// <summary>
/// The Ansible collection on the real stack: Debian's ansible-playbook runs ansible/playbooks/encrypt-guests.yml
/// against localhost (connection local) with the passphrase in an ansible-vault file, calling the built virtcrypt.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public partial class AnsiblePlaybookTests
{
    private MigrationScenario scenario = null!;
    private string work = null!;

    /// <summary>
    /// 96 MiB of volume group: room for the LVs of three 8 MiB guests (24 MiB each with the LUKS2 header), not for the
    /// fourth guest's 32 MiB disk.
    /// </summary>
    [OneTimeSetUp]
    public async Task CreateHost()
    {
        scenario = await MigrationScenario.CreateAsync(96L << 20);
        work = scenario.Work;
        foreach (var (name, size) in new[] { ("web1", 8L << 20), ("web2", 8L << 20), ("web3", 8L << 20), ("web4", 32L << 20) })
        {
            var disk = Path.Combine(work, name + ".img");
            BootSectorGuest.CreateRawDisk(disk, size, $"{name} boots from its encrypted disk");
            using var defined = scenario.Hypervisor.Define(DomainDefinition.Parse(BootSectorGuest.DomainXml(name, disk, "raw", Path.Combine(work, name + ".log"))));
        }

        var collections = Path.Combine(work, "collections", "ansible_collections", "virtcrypt");
        Directory.CreateDirectory(collections);
        File.CreateSymbolicLink(Path.Combine(collections, "kvm"), Path.Combine(RepositoryPaths.Root, "ansible"));
        File.WriteAllText(Executable, $"#!/bin/sh\nexec {string.Join(' ', VirtcryptProcess.Command.Select(word => $"'{word}'"))} \"$@\"\n");
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(VaultPassword, "vault secret\n");
        File.WriteAllText(Vault, $"vault_luks_passphrase: {MigrationScenario.Passphrase}\n");
        ExternalTool.Run("ansible-vault", "encrypt", "--vault-password-file", VaultPassword, Vault);
        File.WriteAllText(Inventory, $"""
            all:
              hosts:
                localhost:
                  ansible_connection: local
                  ansible_python_interpreter: /usr/bin/python3
                  virtcrypt_vg: {MigrationScenario.VolumeGroupName}
                  virtcrypt_executable: {Executable}
                  virtcrypt_connect: qemu:///system
                  virtcrypt_job_dir: {scenario.Jobs.Directory}
                  virtcrypt_pbkdf: pbkdf2
                  virtcrypt_iter_time: 100
            """);
    }

    [OneTimeTearDown]
    public async Task RemoveHost() => await scenario.DisposeAsync();

    private string Executable => Path.Combine(work, "virtcrypt");

    private string Vault => Path.Combine(work, "vault.yml");

    private string VaultPassword => Path.Combine(work, "vault-password");

    private string Inventory => Path.Combine(work, "inventory.yml");

    [Test]
    public async Task EncryptGuests_MigratesTwoGuests_ThenChangesNothing_ChecksWithoutChanging_AndRollsBackAFailedHost()
    {
        File.ReadAllText(Vault).Should().StartWith("$ANSIBLE_VAULT;").And.NotContain(MigrationScenario.Passphrase);

        var check = Play(["--check"], "web1", "web2");
        var createdByCheck = (await LogicalVolumesAsync(), scenario.Jobs.List(), Defined("web1-crypt"));
        var first = Play([], "web1", "web2");
        var clonesAfterFirst = (State("web1-crypt"), State("web2-crypt"));
        var second = Play([], "web1", "web2");
        var failed = Play([], "web3", "web4");

        check.Exit.Should().Be(0, check.Output);
        Recap(check.Output).Should().Be((2, 0, 0), "check mode plans both guests: two changes, no failure");
        createdByCheck.Should().Be((Array.Empty<string>(), Array.Empty<string>(), false), "--check creates no volume, job or domain");

        first.Exit.Should().Be(0, first.Output);
        Recap(first.Output).Changed.Should().Be(2);
        clonesAfterFirst.Should().Be((DomainState.Running, DomainState.Running), "the play's health check saw them running from open volumes");

        second.Exit.Should().Be(0, second.Output);
        Recap(second.Output).Should().Be((0, 0, 0), "both guests were already migrated");

        failed.Exit.Should().NotBe(0);
        failed.Output.Should().Contain("\"kind\": \"refused\"").And.Contain("web4 on localhost failed (kind refused");
        Recap(failed.Output).Should().Be((2, 1, 1), "web3 migrated and was rolled back in the rescue; the host failed");
        var jobs = scenario.Jobs.ReadAll().Select(s => s.Job!).ToList();
        jobs.Select(j => (j.Domain, j.Status)).Should().BeEquivalentTo(
            [("web1", JobStatus.Completed), ("web2", JobStatus.Completed), ("web3", JobStatus.RolledBack)]);
        Defined("web3-crypt").Should().BeFalse("the rescue rolled web3 back");
        (await LogicalVolumesAsync()).Should().BeEquivalentTo(["web1-crypt_vda", "web2-crypt_vda"], "web4 was refused before anything was created");
        (State("web1-crypt"), State("web2-crypt")).Should().Be((DomainState.Running, DomainState.Running), "the other guests were not touched");
        failed.Output.Should().NotContain(MigrationScenario.Passphrase);
    }

    /// <summary>Runs the playbook for <paramref name="guests"/> (each cloned as NAME-crypt); its exit code and output.</summary>
    private (int Exit, string Output) Play(string[] options, params string[] guests)
    {
        var list = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["virtcrypt_hosts"] = "all",
            ["virtcrypt_vault_file"] = Vault,
            ["virtcrypt_guests"] = guests.Select(g => new Dictionary<string, string> { ["domain"] = g, ["new_name"] = g + "-crypt" }).ToList(),
        });
        var watch = Stopwatch.StartNew();
        string[] arguments =
        [
            $"ANSIBLE_COLLECTIONS_PATH={Path.Combine(work, "collections")}", "ANSIBLE_NOCOLOR=1", "ANSIBLE_LOCAL_TEMP=" + Path.Combine(work, "ansible-tmp"),
            "ansible-playbook", "-i", Inventory, "--vault-password-file", VaultPassword, "-e", list,
            .. options, Path.Combine(RepositoryPaths.Root, "ansible", "playbooks", "encrypt-guests.yml"),
        ];
        var (exit, output, error) = ExternalTool.RunToEnd("env", arguments);
        TestContext.Out.WriteLine($"ansible-playbook {string.Join(' ', options)} {string.Join(' ', guests)}: exit {exit}, {watch.Elapsed.TotalSeconds:0} s");
        return (exit, output + error);
    }

    private static (int Changed, int Failed, int Rescued) Recap(string output)
    {
        var recap = RecapLine().Match(output);
        recap.Success.Should().BeTrue(output);
        return (int.Parse(recap.Groups["changed"].Value), int.Parse(recap.Groups["failed"].Value), int.Parse(recap.Groups["rescued"].Value));
    }

    private async Task<string[]> LogicalVolumesAsync()
    {
        var group = await scenario.Lvm.GetVolumeGroupAsync(MigrationScenario.VolumeGroupName);
        return [.. (await group.GetLogicalVolumesAsync()).Select(lv => lv.Name)];
    }

    private bool Defined(string name)
    {
        using var domain = scenario.Hypervisor.FindDomain(name);
        return domain is not null;
    }

    private DomainState State(string name)
    {
        using var domain = scenario.Hypervisor.GetDomain(name);
        return domain.State;
    }

    [GeneratedRegex(@"localhost\s+: ok=\d+\s+changed=(?<changed>\d+)\s+unreachable=\d+\s+failed=(?<failed>\d+)\s+skipped=\d+\s+rescued=(?<rescued>\d+)")]
    private static partial Regex RecapLine();
}
