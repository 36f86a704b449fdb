using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Native.Support;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// Everything the plan can check, it checks, before anything changes: the LUKS options against this libcryptsetup
/// and kernel, MAC addresses, options that name disks, empty and FIFO disks, names the domain's name makes invalid,
/// and the key a run is given. Each refusal names the problem and what to do, and running the plan changes nothing.
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class PlanCheckTests : TestDriverMigrationFixture
{
    private const PlanCheckId Cipher = PlanCheckId.CipherSupported;
    private const PlanCheckId Pbkdf = PlanCheckId.PbkdfSupported;

    [SetUp]
    public void DefineMail()
    {
        using var mail = Hypervisor.Define(Domain("mail", RawDisk(Image("mail.img"))));
    }

    [Test]
    public async Task PbkdfMemoryAboveTheLibrarysLimit_FailsThePlan()
    {
        var plan = await Service.PlanAsync(Request() with { Format = new LuksFormatOptions { Pbkdf = new PbkdfOptions { MemoryKiB = 5_000_000 } } });

        Failed(plan, Pbkdf).Should().Be("libcryptsetup refuses the hash or key derivation options: " +
            "Requested maximum PBKDF memory cost is too high (maximum is 4194304 kilobytes). Change --hash or the --pbkdf options.");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task AnUnknownHash_FailsThePlan()
    {
        var plan = await Service.PlanAsync(Request() with { Format = new LuksFormatOptions { Hash = "sha999" } });

        Failed(plan, Pbkdf).Should().Contain("Requested hash sha999 is not supported.");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task TooFewForcedIterations_FailThePlan()
    {
        var format = new LuksFormatOptions { Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 10 } };

        var plan = await Service.PlanAsync(Request() with { Format = format });

        Failed(plan, Pbkdf).Should().Contain("Forced iteration count is too low for pbkdf2 (minimum is 1000).");
    }

    [Test]
    public async Task TheUsualOptions_PassTheLibrarysChecks()
    {
        var plan = await Service.PlanAsync(Request());

        plan.Checks.Single(c => c.Id == Pbkdf).Should().Be(new PlanCheck("hash and key derivation are supported", true, "sha512, argon2id, 1048576 KiB, 4 threads, 2000 ms") { Id = Pbkdf });
        plan.Checks.Single(c => c.Id == Cipher).Passed.Should().BeTrue(plan.Checks.Single(c => c.Id == Cipher).Detail);
    }

    /// <summary>
    /// Where the kernel offers AF_ALG, libcryptsetup tries the cipher and an unknown one fails the plan; where it
    /// offers none (as on the build machines), the check says it could not verify instead of refusing falsely.
    /// </summary>
    [Test]
    public async Task AnUnknownCipher_FailsWhereTheKernelCanTell_AndIsNeverRefusedFalsely()
    {
        var plan = await Service.PlanAsync(Request() with { Format = new LuksFormatOptions { Cipher = "nosuchcipher" } });

        if (KernelCrypto.HasAfAlg)
        {
            Failed(plan, Cipher).Should().StartWith("The kernel's crypto API has no xts(nosuchcipher), so dm-crypt cannot use nosuchcipher-xts-plain64:");
            await RefusedWithoutChange(plan);
        }
        else
        {
            var check = plan.Checks.Single(c => c.Id == Cipher);
            check.Passed.Should().BeTrue();
            check.Detail.Should().Be("nosuchcipher-xts-plain64 with a 512-bit key was not verified: this kernel offers no crypto interface to programs " +
                "(AF_ALG, module algif_skcipher), so libcryptsetup cannot try the cipher here; formatting will tell");
            plan.Warnings.Should().Contain($"The cipher could not be checked on this host: {check.Detail}.");
        }
    }

    [Test]
    public async Task MalformedLuksOptions_FailTheirCheck_InWords()
    {
        var plan = await Service.PlanAsync(Request() with { Format = new LuksFormatOptions { KeySizeBits = -8 } });

        Failed(plan, PlanCheckId.LuksOptions).Should().Be("The key size must be a positive multiple of 8 bits, not -8.");
        plan.Checks.Should().NotContain(c => c.Id == Cipher || c.Id == Pbkdf, "the library is asked only about well-formed options");
    }

    [Test]
    public async Task TwoDisksOnOneMapping_FailThePlan_InsteadOfThrowing()
    {
        using (Hypervisor.Define(Domain("twin", RawDisk(Image("twin-a.img")) + RawDisk(Image("twin-b.img"), "vdb"))))
        {
        }

        var plan = await Service.PlanAsync(Request() with
        {
            Domain = "twin", MapperNames = new Dictionary<string, string> { ["vda"] = "cr_twin", ["vdb"] = "cr_twin" },
        });

        Failed(plan, PlanCheckId.DomainDefinition).Should().Be("Two disks would share the device '/dev/mapper/cr_twin': give each disk its own.");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task ANegativeShutdownTimeout_IsAnArgumentError_InWords() =>
        await Service.Awaiting(s => s.PlanAsync(Request() with { ShutdownTimeout = TimeSpan.FromSeconds(-1) }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*nor the shutdown timeout (-1 s) may be negative.*");

    [TestCase("01:00:5e:00:00:01", "is a multicast address")]
    [TestCase("ff:ff:ff:ff:ff:ff", "is a multicast address")]
    [TestCase("00:00:00:00:00:00", "is not a usable address")]
    [TestCase("52:54:00:12:34", "is not a MAC address")]
    public async Task AnUnusableMacAddress_FailsItsOwnCheck(string mac, string problem)
    {
        var plan = await Service.PlanAsync(Request() with { MacAddresses = [mac] });

        Failed(plan, PlanCheckId.MacAddress, mac).Should().Contain(problem).And.Contain("52:54:00:12:34:56");
        plan.Checks.Single(c => c.Id == PlanCheckId.DomainDefinition).Passed.Should().BeTrue("the problem is reported once, under its own name");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task MoreMacAddressesThanInterfaces_FailThePlan()
    {
        var plan = await Service.PlanAsync(Request() with { MacAddresses = ["52:54:00:00:00:01", "52:54:00:00:00:02"] });

        Failed(plan, PlanCheckId.MacAddresses).Should().Be("2 MAC addresses are given but 'mail' has 1 network interface: give at most one per interface, in their order.");
    }

    [Test]
    public async Task MacAddressesOrANewName_OutsideCloneMode_AreRefused_NotIgnored()
    {
        var plan = await Service.PlanAsync(Request() with { Mode = MigrationMode.Retarget, MacAddresses = ["52:54:00:00:00:01"], NewName = "other" });

        Failed(plan, PlanCheckId.MacAddresses).Should().Contain("a retarget migration keeps the domain's own");
        Failed(plan, PlanCheckId.NewName).Should().Contain("a retarget migration keeps the domain's name");
    }

    [Test]
    public async Task AMapperNameForADiskThatIsNotMigrated_IsRefused_NotIgnored()
    {
        var plan = await Service.PlanAsync(Request() with { MapperNames = new Dictionary<string, string> { ["vdb"] = "cr_other" } });

        Failed(plan, PlanCheckId.MapperNameForDisk, "vdb").Should().Be("A mapping name is given for the disk 'vdb', but 'mail' migrates no disk 'vdb' (it migrates: vda): " +
            "give mapping names only for the disks being migrated (--mapper TARGET=NAME).");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task ADiskNamedTwice_IsRefusedOnce_WithAMessageThatSaysSo()
    {
        var plan = await Service.PlanAsync(Request() with { Disks = ["vda", "vda"] });

        Failed(plan, PlanCheckId.DiskNamedOnce, "vda").Should().Be("The disk vda is named 2 times among the disks to migrate: name each disk once.");
        plan.Checks.Should().NotContain(c => c.Detail.Contains("disk disk", StringComparison.Ordinal));
        plan.Disks.Should().ContainSingle();
    }

    [Test]
    public async Task ADiskNamedOnce_IsMigrated()
    {
        var plan = await Service.PlanAsync(Request() with { Disks = ["vda"] });

        plan.Checks.Single(c => c.Id == PlanCheckId.DiskReadable && c.Subject == "vda").Passed.Should().BeTrue();
        plan.Disks.Single().Target.Should().Be("vda");
    }

    [Test]
    public async Task AnEmptyDisk_FailsACheck_InsteadOfBreakingThePlan()
    {
        using (Hypervisor.Define(Domain("blank", RawDisk(Image("blank.img", size: 0)))))
        {
        }

        var plan = await Service.PlanAsync(Request() with { Domain = "blank" });

        Failed(plan, PlanCheckId.DiskNotEmpty, "vda").Should().StartWith("disk vda is empty: nothing to migrate");
        await RefusedWithoutChange(plan);
    }

    [Test]
    public async Task AFifoAsDiskSource_FailsACheck_WithoutBlocking()
    {
        var fifo = Path.Combine(Work, "pipe.img");
        ExternalTool.Run("mkfifo", fifo);
        using (Hypervisor.Define(Domain("piped", RawDisk(fifo))))
        {
        }

        var planning = Stopwatch.StartNew();
        var plan = await Service.PlanAsync(Request() with { Domain = "piped" });

        planning.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        Failed(plan, PlanCheckId.DiskReadable, "vda").Should().Be($"vda: {fifo} is a FIFO (named pipe), not a disk image file or a block device: " +
            "VirtCrypt reads and writes disks only as regular files and block devices. Check the path.");
        await RefusedWithoutChange(plan);
    }

    [TestCase("mail server", "cr_mail_server-clone_vda")]
    [TestCase("Büro", "cr_B_ro-clone_vda")]
    public async Task ADomainNameThatMakesAnInvalidMappingName_SuggestsOne(string name, string suggested)
    {
        using (Hypervisor.Define(Domain(name, RawDisk(Image("office.img")))))
        {
        }

        var plan = await Service.PlanAsync(Request() with { Domain = name });

        Failed(plan, PlanCheckId.MappingFree, $"cr_{name}-clone_vda").Should().EndWith(
            $"The default name is made from the domain name '{name}-clone': give disk vda a mapping name of its own (--mapper vda={suggested}).");
        var renamed = await Service.PlanAsync(Request() with { Domain = name, MapperNames = new Dictionary<string, string> { ["vda"] = suggested } });
        renamed.Checks.Single(c => c.Id == PlanCheckId.MappingFree && c.Subject == suggested).Detail
            .Should().NotContain("is not a valid mapping name", "the suggested name is valid (this host may still lack device-mapper to look it up)");
    }

    [TestCase(MigrationMode.Clone, "give the clone another name (--new-name)")]
    [TestCase(MigrationMode.Retarget, "rename the domain, or migrate a clone with another name (--mode clone --new-name)")]
    public async Task ADomainNameThatMakesAReservedVolumeName_SaysHowToGetAnother(MigrationMode mode, string advice)
    {
        using (Hypervisor.Define(Domain("snapshot", RawDisk(Image("snapshot.img")))))
        {
        }

        var plan = await Service.PlanAsync(Request() with { Domain = "snapshot", Mode = mode });

        var volume = mode == MigrationMode.Clone ? "snapshot-clone_vda" : "snapshot_vda";
        Failed(plan, PlanCheckId.LogicalVolumeName, volume).Should().Contain("names starting with \"snapshot\" are reserved by LVM").And.EndWith(advice + ".");
    }

    [Test]
    public async Task AKeyFileEmptiedAfterTheKeyWasMade_IsRefusedBeforeTheJobExists()
    {
        var keyFile = Path.Combine(Work, "mail.key");
        File.WriteAllBytes(keyFile, new byte[64]);
        var key = LuksKey.FromKeyFile(keyFile);
        var plan = await Service.PlanAsync(Request());
        File.WriteAllBytes(keyFile, []);

        await Service.Awaiting(s => s.ExecuteAsync(plan, key)).Should().ThrowAsync<MigrationRefusedException>()
            .WithMessage($"The migration was refused, nothing was changed: [key source] The keyfile {keyFile} is empty:*");
        Directory.Exists(Jobs.Directory).Should().BeFalse();
    }

    [Test]
    public async Task ADisposedPassphrase_IsRefusedBeforeTheJobExists()
    {
        var passphrase = Secret.FromChars("gone");
        var key = LuksKey.FromPassphrase(passphrase);
        passphrase.Dispose();
        var plan = await Service.PlanAsync(Request());

        await Service.Awaiting(s => s.ExecuteAsync(plan, key)).Should().ThrowAsync<MigrationRefusedException>().WithMessage("*[key source]*disposed*");
        Directory.Exists(Jobs.Directory).Should().BeFalse();
    }

    private static MigrationRequest Request() => new() { Domain = "mail", VolumeGroup = "vc_absent" };

    private static string RawDisk(string path, string target = "vda") =>
        $"<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='{path}'/><target dev='{target}' bus='virtio'/></disk>";
}
