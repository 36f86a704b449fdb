using VirtCrypt.Boot;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Integration.Migration;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Boot;

/// <summary>
/// Boot-time unlock for a guest migrated once for the whole fixture (the migration is the slow part); its vda passes
/// discards, its vdb does not.
/// </summary>
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
        var expected = plan.Disks.Select(d => new { d.MapperName, LuksUuid = HeaderUuid(d.LvPath), AllowDiscards = d.Target == "vda" }).ToList();
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

    [Test]
    public async Task SystemdsOwnTools_OpenEveryVolumeFromWhatBootConfigWrites_AndStartLibvirtdAfterThem_ThenTheGuestBoots()
    {
        await CloseMappingsAsync();
        var root = Directory.CreateDirectory(Path.Combine(scenario.Work, "systemd-root")).FullName;
        var crypttab = Path.Combine(root, "etc", "crypttab");
        var units = Path.Combine(root, "etc", "systemd", "system");
        var generated = Path.Combine(root, "run", "systemd", "generator");
        var keyFile = Path.Combine(root, "etc", "virtcrypt", "mail-clone.key");
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        File.WriteAllText(crypttab, "# the host's own volumes\n");
        var daemons = new[] { "libvirtd.service", "virtqemud.service" };
        var vendorUnits = StandInDaemonUnits(root, daemons);

        // Through the library `virtcrypt enroll-keyfile` calls: each start of the command is slow in the emulated test host.
        var volumes = new EncryptedVolumeFinder(scenario.Hypervisor, scenario.Jobs).Find(Clone);
        await KeyFileEnrollment.EnrollAsync([.. volumes.Select(v => v.DevicePath)], LuksKey.FromPassphrase(passphrase), keyFile);
        Cli(["boot-config", "--domain", Clone, "--key-file", keyFile, "--write", "--crypttab", crypttab,
            .. daemons.SelectMany(d => new[] { "--dropin-dir", Path.Combine(units, d + ".d") })]);
        SystemdTools.GenerateCryptsetupUnits(crypttab, generated);

        var cryptsetupUnits = plan.Disks.Select(d => Path.Combine(generated, SystemdUnitName.CryptsetupService(d.MapperName))).ToList();
        try
        {
            foreach (var (disk, unit) in plan.Disks.Zip(cryptsetupUnits))
            {
                File.Exists(unit).Should().BeTrue($"the generator made a unit for {disk.MapperName}: {string.Join(", ", Directory.GetFiles(generated))}");
                File.Exists(Path.Combine(generated, "cryptsetup.target.requires", Path.GetFileName(unit))).Should().BeTrue();
                SystemdTools.Command(unit, "ExecStart").Should().Equal(
                    "/lib/systemd/systemd-cryptsetup", "attach", disk.MapperName, $"/dev/disk/by-uuid/{disk.LuksUuid:D}", keyFile, disk.AllowDiscards ? "luks,discard" : "luks");
            }

            foreach (var daemon in daemons)
            {
                var (exit, dependencies, output) = SystemdTools.Verify(daemon, [units, generated, vendorUnits]);
                exit.Should().Be(0, output);
                var dropIn = Path.Combine(units, daemon + ".d", "virtcrypt-mail-clone.conf");
                output.Should().NotContainAny([dropIn + ":", "ordering cycle"], "systemd parses the drop-in without a complaint");
                dependencies.Should().Contain($"DropIn Path: {dropIn}");
                dependencies.Should().Contain(cryptsetupUnits.SelectMany(u => new[] { "After: " + Path.GetFileName(u), "Wants: " + Path.GetFileName(u) }),
                    $"systemd starts {daemon} after the units that open the guest's volumes");
                cryptsetupUnits.Should().OnlyContain(u => output.Contains($"{Path.GetFileName(u)}: Installed new job {Path.GetFileName(u)}/start", StringComparison.Ordinal),
                    $"starting {daemon} pulls in every cryptsetup unit");
            }

            foreach (var (disk, unit) in plan.Disks.Zip(cryptsetupUnits))
            {
                LinkByUuid(disk);
                var attach = SystemdTools.Command(unit, "ExecStart");
                var (exit, output, error) = ExternalTool.RunToEnd(attach[0], [.. attach.Skip(1)]);
                exit.Should().Be(0, output + error);
                LuksVolume.Status(disk.MapperName).Should().NotBeNull($"{Path.GetFileName(unit)} opened {disk.MapperName}")
                    .And.Match<MappedDevice>(m => m.AllowDiscards == disk.AllowDiscards, "crypttab's discard option, and only it, passes discards");
            }

            using var clone = scenario.Hypervisor.GetDomain(Clone);
            clone.Start();
            SerialLog.WaitFor(scenario.SerialLog(Clone), MigrationScenario.BootText, TimeSpan.FromSeconds(120));
            clone.Destroy();

            foreach (var unit in cryptsetupUnits)
            {
                var detach = SystemdTools.Command(unit, "ExecStop");
                ExternalTool.Run(detach[0], [.. detach.Skip(1)]);
            }

            plan.Disks.Should().OnlyContain(d => LuksVolume.Status(d.MapperName, null) == null, "each unit's ExecStop closes its mapping");
        }
        finally
        {
            using (var clone = scenario.Hypervisor.GetDomain(Clone))
            {
                if (clone.IsActive)
                {
                    clone.Destroy();
                }
            }

            await CloseMappingsAsync();
            foreach (var disk in plan.Disks)
            {
                using var volume = LuksVolume.Load(disk.LvPath);
                await volume.RemoveKeyAsync(LuksKey.FromKeyFile(keyFile));
            }
        }
    }

    /// <summary>Runs the built virtcrypt command on this fixture's jobs; fails with its output unless it succeeds.</summary>
    private void Cli(params string[] arguments)
    {
        using var cli = VirtcryptProcess.Start([.. arguments, "--job-dir", scenario.Jobs.Directory]);
        cli.Process.WaitForExit();
        cli.Process.ExitCode.Should().Be(0, cli.Output);
    }

    /// <summary>
    /// Unit files named like libvirt's daemons (the test host has no libvirt-daemon-system package): the drop-ins
    /// virtcrypt writes are what is checked, and they attach to whatever unit has the name.
    /// </summary>
    private static string StandInDaemonUnits(string root, IEnumerable<string> daemons)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "lib", "systemd", "system")).FullName;
        foreach (var daemon in daemons)
        {
            File.WriteAllText(Path.Combine(directory, daemon), $"""
                [Unit]
                Description=stand-in for libvirt's {daemon}
                After=network.target local-fs.target remote-fs.target

                [Service]
                Type=notify
                ExecStart=/usr/sbin/libvirtd

                [Install]
                WantedBy=multi-user.target

                """);
        }

        return directory;
    }

    /// <summary>What udev does for a LUKS device (the test host has no udev): /dev/disk/by-uuid/UUID links to it.</summary>
    private static void LinkByUuid(DiskPlan disk)
    {
        var link = $"/dev/disk/by-uuid/{disk.LuksUuid:D}";
        Directory.CreateDirectory("/dev/disk/by-uuid");
        if (!Path.Exists(link))
        {
            File.CreateSymbolicLink(link, Path.GetFullPath(disk.LvPath));
        }
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

    private static Guid HeaderUuid(string device)
    {
        using var volume = LuksVolume.Load(device);
        return volume.GetInfo().Uuid ?? throw new InvalidOperationException($"{device} has a LUKS header without a UUID");
    }

    private async Task CloseMappingsAsync()
    {
        foreach (var disk in plan.Disks.Where(d => LuksVolume.Status(d.MapperName) is not null))
        {
            await LuksVolume.CloseAsync(disk.MapperName);
        }
    }
}
