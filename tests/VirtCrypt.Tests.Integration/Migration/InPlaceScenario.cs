using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// What an in-place test starts from, inside the test host: a loop-backed volume group holding the raw logical volume
/// <c>mail_vda</c> (the boot-sector guest's disk: boot sector, a text line, data at known offsets) and the shut-off
/// guest "mail" running from it as a block device. Torn down completely.
/// </summary>
internal sealed class InPlaceScenario(ScenarioStack stack) : StackedScenario(stack)
{
    internal const string VolumeGroupName = "vcinp";
    internal const string LvName = "mail_vda";
    internal const string Domain = "mail";
    internal const long DiskBytes = 32L << 20;
    internal const string BootText = "This line was read from the LV encrypted in place.";

    internal static string LvPath => $"/dev/{VolumeGroupName}/{LvName}";

    internal string SerialLog => Path.Combine(Work, "mail.log");

    /// <summary>The disk's content before the migration.</summary>
    internal string ChecksumBefore { get; private set; } = "";

    internal string DefinitionBefore { get; private set; } = "";

    internal static async Task<InPlaceScenario> CreateAsync(long volumeGroupBytes = 96L << 20)
    {
        var stack = await ScenarioStack.CreateAsync("virtcrypt-inplace-", VolumeGroupName, volumeGroupBytes);
        await stack.Group.CreateLinearAsync(LvName, DiskBytes);
        var scenario = new InPlaceScenario(stack);
        scenario.CreateGuest();
        return scenario;
    }

    internal static MigrationRequest Request(bool start = false) => new()
    {
        Domain = Domain,
        VolumeGroup = VolumeGroupName,
        Mode = MigrationMode.InPlace,
        Format = MigrationScenario.Format,
        Start = start,
    };

    internal async Task<long> LvSizeAsync()
    {
        var group = await Lvm.GetVolumeGroupAsync(VolumeGroupName);
        return (await group.GetLogicalVolumeAsync(LvName)).SizeBytes;
    }

    internal string CurrentDefinition()
    {
        using var domain = Hypervisor.GetDomain(Domain);
        return domain.GetXml(inactive: true);
    }

    /// <summary>
    /// Runs <c>virtcrypt migrate --mode in-place</c> in a child process and SIGKILLs it <paramref name="delay"/> after
    /// the journal says <paramref name="step"/> started; returns the job's id.
    /// </summary>
    internal async Task<string> KilledCliMigrationAsync(string step, TimeSpan delay)
    {
        using var cli = VirtcryptProcess.Start(
            "migrate", "--mode", "in-place", "--domain", Domain, "--vg", VolumeGroupName, "--job-dir", Jobs.Directory,
            "--pbkdf", "pbkdf2", "--iter-time", "1000", "--passphrase-file", PassphraseFile, "--yes");
        await ScenarioStack.KillWhenAsync(
            cli, () => Jobs.List().SingleOrDefault() is { } id && Jobs.Load(id).History.Any(r => r.Step == step), delay, $"to {step}");
        return Jobs.List().Single();
    }

    /// <summary>
    /// Runs <c>virtcrypt rollback</c> of <paramref name="jobId"/> in a child process and SIGKILLs it <paramref name="delay"/>
    /// after <paramref name="when"/> holds.
    /// </summary>
    internal async Task KilledCliRollbackAsync(string jobId, Func<bool> when, TimeSpan delay)
    {
        using var cli = VirtcryptProcess.Start("rollback", jobId, "--job-dir", Jobs.Directory, "--passphrase-file", PassphraseFile, "--yes");
        await ScenarioStack.KillWhenAsync(cli, when, delay, "there in its rollback");
    }

    /// <summary>The job rolled back completely: the plain LV byte for byte at its old size, untagged, the old definition, no mapping, no header file.</summary>
    internal async Task ShouldBePlainAsBeforeAsync(string jobId)
    {
        (await LvSizeAsync()).Should().Be(DiskBytes, "the LV is back at its old size");
        MigrationScenario.Sha256(LvPath, DiskBytes).Should().Be(ChecksumBefore, "the plain LV is byte for byte as before");
        CurrentDefinition().Should().Be(DefinitionBefore);
        var group = await Lvm.GetVolumeGroupAsync(VolumeGroupName);
        (await group.GetLogicalVolumeAsync(LvName)).Tags.Should().BeEmpty("the job's tag is removed");
        File.Exists("/dev/mapper/cr_mail_vda").Should().BeFalse("the mapping is closed");
        Directory.GetFiles(Jobs.Directory, "*header").Should().BeEmpty("the job's header files are removed");
        Jobs.Load(jobId).Status.Should().Be(JobStatus.RolledBack);
    }

    private void CreateGuest()
    {
        var image = Path.Combine(Work, "mail.img");
        BootSectorGuest.CreateRawDisk(image, DiskBytes, BootText);
        using (var source = File.OpenRead(image))
        using (var lv = new FileStream(LvPath, FileMode.Open, FileAccess.Write))
        {
            source.CopyTo(lv);
            lv.Flush(flushToDisk: true);
        }

        ChecksumBefore = MigrationScenario.Sha256(image);
        File.Delete(image);
        var xml = BootSectorGuest.DomainXml(Domain, [new GuestDisk(LvPath, "raw", "vda", IsBlockDevice: true)], SerialLog);
        using var domain = Hypervisor.Define(DomainDefinition.Parse(xml));
        DefinitionBefore = domain.GetXml(inactive: true);
    }
}
