using System.Diagnostics;
using System.Security.Cryptography;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// What a migration test starts from, inside the test host: a loop-backed volume group and a shut-off guest "mail",
/// by default with two disks, vda (raw, the boot sector and a text line, passing discards) and vdb (qcow2, data). Torn
/// down completely: domains (with their NVRAM and TPM state), mappings, the volume group.
/// </summary>
internal sealed class MigrationScenario(ScenarioStack stack) : StackedScenario(stack)
{
    internal const string VolumeGroupName = "vcmig";
    internal const string Domain = "mail";
    internal const string BootText = "This line was read from the encrypted disk.";
    internal const string Passphrase = "correct horse battery staple";

    internal string RawDisk => Path.Combine(Work, "mail.img");

    internal string QcowDisk => Path.Combine(Work, "mail-data.qcow2");

    /// <summary>The image file under the volume group's loop device (its allocated blocks show discards arriving).</summary>
    internal string VolumeGroupImage => Stack.VolumeGroupImage;

    /// <summary>Every file the source domain's disks are made of: the migration must never write them.</summary>
    internal IReadOnlyList<string> SourceFiles { get; private set; } = [];

    /// <summary>Cheap key derivation: the test host emulates its CPU.</summary>
    internal static LuksFormatOptions Format { get; } = new()
    {
        Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 },
    };

    /// <param name="volumeGroupBytes">The volume group's size.</param>
    /// <param name="guest">Writes the guest's disks into <see cref="Work"/> and describes it; the default guest when null.</param>
    internal static async Task<MigrationScenario> CreateAsync(long volumeGroupBytes = 384L << 20, Func<MigrationScenario, Guest>? guest = null)
    {
        var scenario = new MigrationScenario(await ScenarioStack.CreateAsync("virtcrypt-migration-", VolumeGroupName, volumeGroupBytes));
        var described = (guest ?? DefaultGuest)(scenario);
        scenario.SourceFiles = described.SourceFiles;
        using var domain = scenario.Hypervisor.Define(DomainDefinition.Parse(described.Xml));
        return scenario;
    }

    internal static MigrationRequest Request(MigrationMode mode = MigrationMode.Clone, bool start = false) => new()
    {
        Domain = Domain,
        VolumeGroup = VolumeGroupName,
        Mode = mode,
        Format = Format,
        Start = start,
    };

    internal static Secret NewPassphrase() => Secret.FromChars(Passphrase);

    /// <summary>Runs a plan that passed every check with the scenario's passphrase; says how long it took.</summary>
    internal async Task<MigrationResult> ExecuteAsync(MigrationPlan plan)
    {
        plan.FailedChecks.Should().BeEmpty();
        using var passphrase = NewPassphrase();
        var clock = Stopwatch.StartNew();
        var result = await Service.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase));
        TestContext.Progress.WriteLine(
            $"{plan.Request.Mode} of {plan.Disks.Sum(d => d.Layout.SourceBytes) >> 20} MiB on {plan.Disks.Count} disks: {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    /// <summary>SHA-256 of each source disk file, to prove they are never written.</summary>
    internal IReadOnlyList<string> SourceChecksums() => [.. SourceFiles.Select(f => Sha256(f))];

    /// <summary>SHA-256 of the first <paramref name="length"/> bytes of a file or block device.</summary>
    internal static string Sha256(string path, long? length = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var left = length ?? stream.Length;
        while (left > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new EndOfStreamException($"{path} ended {left} bytes early.");
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>What the guest sees of a source disk, as raw bytes (qemu-img's reading of it), hashed.</summary>
    internal string GuestViewSha256(string sourcePath)
    {
        var raw = Path.Combine(Work, Path.GetFileName(sourcePath) + ".raw");
        ExternalTool.Run("qemu-img", "convert", "-O", "raw", sourcePath, raw);
        try
        {
            return Sha256(raw);
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>
    /// Runs <c>virtcrypt migrate</c> in a child process and SIGKILLs it as soon as the journal says
    /// <paramref name="step"/> started; returns the job's id.
    /// </summary>
    internal Task<string> KilledCliMigrationAsync(string step) => KilledCliMigrationAsync(step, () => true);

    /// <summary>
    /// Runs <c>virtcrypt migrate</c> with <paramref name="extraArguments"/> in a child process and SIGKILLs it once the
    /// journal says <paramref name="step"/> started and <paramref name="alsoWhen"/> holds; returns the job's id.
    /// </summary>
    internal async Task<string> KilledCliMigrationAsync(string step, Func<bool> alsoWhen, params string[] extraArguments)
    {
        using var cli = StartCliMigration(new Dictionary<string, string>(), extraArguments);
        await ScenarioStack.KillWhenAsync(
            cli, () => Jobs.List().SingleOrDefault() is { } id && Jobs.Load(id).History.Any(r => r.Step == step) && alsoWhen(), TimeSpan.Zero, $"to {step}");
        return Jobs.List().Single();
    }

    /// <summary>
    /// Runs <c>virtcrypt migrate</c> in a child process and SIGKILLs it right after device-mapper created the device
    /// <paramref name="deviceMapperName"/>, before its table was loaded (the fault shim stops it there); returns the
    /// job's id.
    /// </summary>
    internal async Task<string> KilledRightAfterDeviceMapperCreateAsync(string deviceMapperName)
    {
        using var cli = StartCliMigration(StopAfterDeviceMapperCreate.Environment(deviceMapperName), []);
        if (!await StopAfterDeviceMapperCreate.WaitUntilStoppedAsync(cli.Process, TimeSpan.FromMinutes(10)))
        {
            Assert.Fail($"virtcrypt migrate never created {deviceMapperName} (exited: {cli.Process.HasExited}): {cli.Output}");
        }

        cli.Process.Kill();
        await cli.Process.WaitForExitAsync();
        return Jobs.List().Single();
    }

    private VirtcryptProcess StartCliMigration(IReadOnlyDictionary<string, string> environment, string[] extraArguments) =>
        VirtcryptProcess.Start(environment, [
            "migrate", "--domain", Domain, "--vg", VolumeGroupName, "--job-dir", Jobs.Directory,
            "--pbkdf", "pbkdf2", "--iter-time", "1000", "--passphrase-file", PassphraseFile, "--yes", .. extraArguments]);

    private static Guest DefaultGuest(MigrationScenario scenario)
    {
        BootSectorGuest.CreateRawDisk(scenario.RawDisk, 48L << 20, BootText);
        var data = Path.Combine(scenario.Work, "data.raw");
        BootSectorGuest.CreateRawDisk(data, 40L << 20, "data disk");
        ExternalTool.Run("qemu-img", "convert", "-O", "qcow2", data, scenario.QcowDisk);
        File.Delete(data);
        var xml = BootSectorGuest.DomainXml(
            Domain,
            [new GuestDisk(scenario.RawDisk, "raw", "vda", Discard: "unmap"), new GuestDisk(scenario.QcowDisk, "qcow2", "vdb")],
            scenario.SerialLog(Domain));
        return new Guest(xml, [scenario.RawDisk, scenario.QcowDisk]);
    }

    /// <summary>Where the boot-sector guest <paramref name="domain"/> writes its serial console.</summary>
    internal string SerialLog(string domain) => Path.Combine(Work, domain + ".log");

    /// <summary>A source guest: its definition, and every file its disks are made of.</summary>
    internal sealed record Guest(string Xml, IReadOnlyList<string> SourceFiles);
}
