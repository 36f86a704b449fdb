using System.Text;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// A UEFI guest (Debian's OVMF, its own variable store holding a boot entry of its own) with an emulated TPM 2.0
/// (swtpm, state manufactured with endorsement keys): Clone gives the clone its own copies that qemu and swtpm then
/// run with; Retarget keeps both where they are. The guests are started only to the firmware: qemu and swtpm
/// running with the right files is the point, a full boot under double emulation is far too slow.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class UefiTpmMigrationTests
{
    private const string NvramDirectory = "/var/lib/libvirt/qemu/nvram";
    private const string BootEntry = "mail server boot entry: \\EFI\\debian\\shimx64.efi";
    private static readonly Guid VendorGuid = new("7c1f6a3e-9d52-4b8e-a0f1-5e2d3c4b6a79");

    [Test]
    public async Task Clone_OfAUefiGuestWithATpm_GetsItsOwnNvramAndTpmState_AndStartsWithThem()
    {
        await using var scenario = await MigrationScenario.CreateAsync(guest: UefiGuest);
        var source = ReadSource(scenario);
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request());
        plan.FileCopies.Select(c => c.Source).Should().Equal(source.Nvram, source.TpmState);

        var result = await scenario.ExecuteAsync(plan);

        using var clone = scenario.Hypervisor.GetDomain(result.Domain);
        var cloneNvram = Path.Combine(NvramDirectory, "mail-clone_VARS.fd");
        var cloneTpmState = SwtpmState.DirectoryOf(clone.Uuid);
        clone.GetDefinition(inactive: true).NvramPath.Should().Be(cloneNvram);
        File.ReadAllBytes(cloneNvram).Should().Equal(File.ReadAllBytes(source.Nvram), "the clone's variable store is a copy of the source's");
        SwtpmState.Fingerprint(cloneTpmState).Should().Equal(source.TpmFingerprint, "the clone's TPM state is a copy of the source's");

        clone.Start();

        ShouldRunWith(result.Domain, cloneNvram, cloneTpmState);
        File.ReadAllBytes(source.Nvram).Should().Equal(source.NvramBytes, "the source's variable store is only read");
        SwtpmState.Fingerprint(source.TpmState).Should().Equal(source.TpmFingerprint, "the source's TPM state is only read");
    }

    [Test]
    public async Task Retarget_OfAUefiGuestWithATpm_KeepsItsNvramAndTpmStateInPlace_AndStartsWithThem()
    {
        await using var scenario = await MigrationScenario.CreateAsync(guest: UefiGuest);
        var source = ReadSource(scenario);
        var plan = await scenario.Service.PlanAsync(MigrationScenario.Request(MigrationMode.Retarget));
        plan.FileCopies.Should().BeEmpty();

        await scenario.ExecuteAsync(plan);

        using var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain);
        mail.GetDefinition(inactive: true).NvramPath.Should().Be(source.Nvram);
        File.ReadAllBytes(source.Nvram).Should().Equal(source.NvramBytes);
        SwtpmState.Fingerprint(source.TpmState).Should().Equal(source.TpmFingerprint);
        Directory.GetFiles(NvramDirectory).Should().Equal(source.Nvram);
        Directory.GetDirectories(CloneContext.DefaultSwtpmStateDirectory).Should().Equal(source.TpmState);

        mail.Start();

        ShouldRunWith(MigrationScenario.Domain, source.Nvram, source.TpmState);
    }

    /// <summary>A boot-sector disk under OVMF with an emulated TPM; its variable store is the template plus a boot entry.</summary>
    private static MigrationScenario.Guest UefiGuest(MigrationScenario scenario)
    {
        var disk = Path.Combine(scenario.Work, "mail.img");
        BootSectorGuest.CreateRawDisk(disk, 8L << 20, MigrationScenario.BootText);
        Directory.CreateDirectory(NvramDirectory);
        var nvram = Path.Combine(NvramDirectory, "mail_VARS.fd");
        File.Copy(UefiFirmware.VarsTemplate, nvram);
        OvmfVariableStore.AddVariable(nvram, "VirtCryptBootEntry", VendorGuid, Encoding.Unicode.GetBytes(BootEntry));
        var xml = BootSectorGuest.DomainXml(
            MigrationScenario.Domain, [new GuestDisk(disk, "raw", "vda")], scenario.SerialLog(MigrationScenario.Domain),
            uefi: new UefiFirmware(nvram, EmulatedTpm: true));
        return new MigrationScenario.Guest(xml, [disk]);
    }

    /// <summary>The source's NVRAM (with the boot entry no template has) and its freshly manufactured TPM state.</summary>
    private static Source ReadSource(MigrationScenario scenario)
    {
        using var mail = scenario.Hypervisor.GetDomain(MigrationScenario.Domain);
        var nvram = mail.GetDefinition(inactive: true).NvramPath!;
        var tpmState = SwtpmState.Manufacture(mail.Uuid);
        var bytes = File.ReadAllBytes(nvram);
        bytes.Should().NotEqual(File.ReadAllBytes(UefiFirmware.VarsTemplate));
        Encoding.Unicode.GetString(bytes).Should().Contain(BootEntry);
        return new Source(nvram, bytes, tpmState, SwtpmState.Fingerprint(tpmState));
    }

    /// <summary>Checks that qemu runs with <paramref name="nvram"/> and swtpm with <paramref name="tpmState"/>, which libvirt did not manufacture anew.</summary>
    private static void ShouldRunWith(string domain, string nvram, string tpmState)
    {
        HostProcesses.CommandLinesContaining($"guest={domain},").Should().ContainSingle()
            .Which.Should().Contain($"\"filename\":\"{nvram}\"", "qemu's second flash device is the domain's own variable store");
        HostProcesses.CommandLinesContaining("/usr/bin/swtpm socket").Should().ContainSingle()
            .Which.Should().Contain($"--tpmstate dir={tpmState}/tpm2,", "swtpm runs on the domain's own state");
        var log = $"/var/log/swtpm/libvirt/qemu/{domain}-swtpm.log";
        (File.Exists(log) ? File.ReadAllText(log) : "").Should().NotContain("manufacturing", "libvirt found the state and did not make a new TPM");
    }

    private sealed record Source(string Nvram, byte[] NvramBytes, string TpmState, IReadOnlyList<string> TpmFingerprint);
}
