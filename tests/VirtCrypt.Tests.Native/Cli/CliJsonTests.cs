using System.Runtime.Versioning;
using System.Text.Json;
using VirtCrypt.Crypto;
using VirtCrypt.Diagnostics;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;
using VirtCrypt.Tests.Native.Crypto;

namespace VirtCrypt.Tests.Native.Cli;

/// <summary>
/// <c>--json</c> as a program reads it: one document with "schema": 1 on stdout, errors as documents with the exit codes
/// of the text mode, the passphrase from stdin. Each run is kept as a fixture for the Ansible collection's tests.
/// </summary>
[TestFixture]
[Category("Native")]
[UnsupportedOSPlatform("windows")]
public class CliJsonTests
{
    private const string TestDriver = "test:///default";

    private static readonly Guid SourceUuid = Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f");

    private static readonly Guid LuksUuid = Guid.Parse("0d7bd4a4-4b5e-4a4f-9a0e-0b3bd4c4c0de");

    private string work = null!;

    [SetUp]
    public void CreateWork()
    {
        // A fixed place, so that regenerated fixtures differ only where the binary's output changed.
        work = Path.Combine(Path.GetTempPath(), "virtcrypt-json-fixtures");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
    }

    [TearDown]
    public void RemoveWork() => Directory.Delete(work, recursive: true);

    private string Jobs => Path.Combine(work, "jobs");

    [Test]
    public void Versions_AreTheLibrariesOwn()
    {
        var (exit, document, error) = CliFixtures.Run("versions", null, "versions", "--json", "--connect", TestDriver);

        var expected = NativeComponents.GetVersions(TestDriver);
        (exit, error).Should().Be((0, ""));
        document.GetProperty("schema").GetInt32().Should().Be(1);
        document.GetProperty("command").GetString().Should().Be("versions");
        document.GetProperty("cryptsetup").GetString().Should().Be(expected.Cryptsetup);
        document.GetProperty("libvirt").GetString().Should().Be(expected.Libvirt);
        document.GetProperty("hypervisor").GetString().Should().Be(expected.Hypervisor);
    }

    [Test]
    public void Plan_ThatCannotRun_ExitsWithTheRefusalCode_AndCarriesTheFailedCheck()
    {
        var (exit, document, error) = CliFixtures.Run(
            "plan-refused", null, "plan", "--json", "--connect", TestDriver, "--job-dir", Jobs, "--domain", "test", "--vg", "vg_missing");

        (exit, error).Should().Be((3, ""));
        document.GetProperty("canExecute").GetBoolean().Should().BeFalse();
        var plan = document.GetProperty("plan");
        plan.GetProperty("Request").GetProperty("Domain").GetString().Should().Be("test");
        var failed = plan.GetProperty("Checks").EnumerateArray().Where(c => !c.GetProperty("Passed").GetBoolean()).ToList();
        failed.Select(c => (c.GetProperty("Id").GetString(), c.GetProperty("Subject").GetString())).Should().Equal(
            ("DomainShutOff", null), ("DiskReadable", "vda"), ("VolumeGroupExists", null), ("DomainDefinition", null));
        failed.Single(c => c.GetProperty("Id").GetString() == "VolumeGroupExists").GetProperty("Detail").GetString().Should().Contain("vg_missing");
        failed.Single(c => c.GetProperty("Id").GetString() == "DiskReadable").GetProperty("Name").GetString().Should().Be("disk vda is readable");
    }

    [Test]
    public void Migrate_Refused_IsAnErrorDocument_WithNothingButJsonOnEitherStream()
    {
        var (exit, document, error) = CliFixtures.Run(
            "migrate-refused", "a passphrase\n", "migrate", "--json", "--yes", "--passphrase-stdin", "--connect", TestDriver, "--job-dir", Jobs,
            "--domain", "test", "--vg", "vg_missing");

        (exit, error).Should().Be((3, ""));
        var failure = document.GetProperty("error");
        failure.GetProperty("kind").GetString().Should().Be("refused");
        failure.GetProperty("message").GetString().Should().StartWith("The migration was refused, nothing was changed:").And.Contain("vg_missing");
        failure.GetProperty("job").ValueKind.Should().Be(JsonValueKind.Null);
        Directory.Exists(Jobs).Should().BeFalse("a refused migration creates no job");
    }

    [Test]
    public void Migrate_WithAnEmptyStandardInput_IsRefusedAsAnInvalidKey_BeforeThePlan()
    {
        var (exit, document, error) = CliFixtures.Run(
            "error-invalid-key", "", "migrate", "--json", "--yes", "--passphrase-stdin", "--connect", TestDriver, "--domain", "test", "--vg", "vg0");

        (exit, error).Should().Be((2, ""));
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("invalid-key");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("standard input is empty");
    }

    [Test]
    public void Status_ListsTheDomainsJobsFromTheJournal()
    {
        var store = new JobStore(Jobs);
        var plan = JobSamples.Plan(
            targetDomain: "test-encrypted", request: new MigrationRequest { Domain = "test", VolumeGroup = "vg0" }, sourceUuid: SourceUuid,
            disks: JobSamples.Disk(luksUuid: LuksUuid));
        store.Save(JobSamples.Job("20260101-000000-aaaaaa", plan).Recording("Format", "vda", StepState.Completed));
        store.Save(JobSamples.Job("20260101-000000-bbbbbb", FixedPlan()));

        var (exit, document, error) = CliFixtures.Run("status", null, "status", "--json", "--connect", TestDriver, "--job-dir", Jobs, "--domain", "test");

        (exit, error).Should().Be((0, ""));
        document.GetProperty("domain").GetString().Should().Be("test");
        document.GetProperty("state").GetString().Should().Be("Running");
        document.GetProperty("disks").GetArrayLength().Should().Be(0, "test:///default's domain has no disk on a mapping");
        var job = document.GetProperty("jobs").EnumerateArray().Should().ContainSingle("the other job is of another domain").Subject;
        job.GetProperty("id").GetString().Should().Be("20260101-000000-aaaaaa");
        job.GetProperty("job").GetProperty("Plan").GetProperty("TargetDomain").GetString().Should().Be("test-encrypted");
        job.GetProperty("job").GetProperty("History")[0].GetProperty("Step").GetString().Should().Be("Format");
    }

    [Test]
    public void Status_OfAnUnknownDomain_IsANotFoundError_WithExitCode1()
    {
        var (exit, document, _) = CliFixtures.Run("error-not-found", null, "status", "--json", "--connect", TestDriver, "--domain", "no-such-guest");

        exit.Should().Be(1);
        document.GetProperty("schema").GetInt32().Should().Be(1);
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("not-found");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("no-such-guest");
    }

    [Test]
    public void Jobs_CarryEachJournalAsItIs_AndADamagedOneWithItsProblem()
    {
        var store = new JobStore(Jobs);
        store.Save(JobSamples.Job("20260101-000000-aaaaaa", FixedPlan()).With(JobStatus.Completed));
        var web = JobSamples.Plan(
            targetDomain: "web-clone", request: new MigrationRequest { Domain = "web", VolumeGroup = "vg0" }, sourceUuid: SourceUuid,
            disks: JobSamples.Disk(lvName: "web-clone_vda", mapper: "cr_web-clone_vda", luksUuid: LuksUuid));
        store.Save(JobSamples.Job("20260102-000000-bbbbbb", web).Recording("Copy", "vda", StepState.Started));
        File.WriteAllText(Path.Combine(Jobs, "20260103-000000-cccccc.json"), "{ not json");

        var (exit, document, error) = CliFixtures.Run("jobs", null, "jobs", "--json", "--job-dir", Jobs);

        (exit, error).Should().Be((0, ""));
        var jobs = document.GetProperty("jobs").EnumerateArray().ToList();
        jobs.Select(j => j.GetProperty("id").GetString()).Should().Equal("20260101-000000-aaaaaa", "20260102-000000-bbbbbb", "20260103-000000-cccccc");
        jobs[0].GetProperty("job").GetProperty("Status").GetString().Should().Be("Completed");
        jobs[0].GetProperty("job").GetProperty("Schema").GetInt32().Should().Be(MigrationJob.CurrentSchema);
        jobs[1].GetProperty("job").GetProperty("Status").GetString().Should().Be("Unfinished");
        jobs[1].GetProperty("job").GetProperty("Plan").GetProperty("Request").GetProperty("Domain").GetString().Should().Be("web");
        jobs[1].GetProperty("problem").ValueKind.Should().Be(JsonValueKind.Null);
        jobs[2].GetProperty("job").ValueKind.Should().Be(JsonValueKind.Null);
        jobs[2].GetProperty("problem").GetString().Should().Contain("not valid JSON");
    }

    [Test]
    public void Rollback_OfAnUnknownJob_IsANotFoundError()
    {
        var (exit, document, _) = CliFixtures.Run(
            "rollback-unknown", null, "rollback", "--json", "--yes", "--connect", TestDriver, "--job-dir", Jobs, "20260101-000000-ffffff");

        exit.Should().Be(1);
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("not-found");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("20260101-000000-ffffff");
    }

    [Test]
    public void Start_OfADomainVirtCryptNeverMigrated_IsRefused_AndTheDomainIsLeftAlone()
    {
        var (exit, document, _) = CliFixtures.Run(
            "start-not-migrated", "a passphrase\n", "start", "--json", "--passphrase-stdin", "--connect", TestDriver, "--job-dir", Jobs, "--domain", "test");

        exit.Should().Be(1);
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("not-found");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("VirtCrypt never migrated 'test'");
    }

    [Test]
    public void ABadCommandLine_IsAUsageErrorDocument_WithExitCode2()
    {
        var (exit, document, error) = CliFixtures.Run("error-usage", null, "plan", "--json", "--domain", "test");

        (exit, error).Should().Be((2, ""));
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("usage");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("--vg");
    }

    [Test]
    public async Task HeaderBackup_WritesTheFile_AndNamesIt()
    {
        var device = Path.Combine(work, "luks.img");
        using (var image = await LuksImageAsync())
        {
            File.Copy(image.Path, device);
        }

        var backup = Path.Combine(work, "header.img");
        var (exit, document, error) = CliFixtures.Run("header-backup", null, "header-backup", "--json", "--device", device, "--file", backup);

        (exit, error).Should().Be((0, ""));
        document.GetProperty("device").GetString().Should().Be(device);
        document.GetProperty("file").GetString().Should().Be(backup);
        File.ReadAllBytes(backup).Take(6).Should().Equal((byte)0x4C, (byte)0x55, (byte)0x4B, (byte)0x53, (byte)0xBA, (byte)0xBE);
    }

    [Test]
    public async Task PassphraseStdin_IsTheKey_TheRightOneEnrollsAKeyfile_AWrongOneIsRefused()
    {
        using var image = await LuksImageAsync();

        var keyFile = Path.Combine(work, "boot.key");
        var wrong = VirtcryptProcess.RunWithInput(
            "battery staple\n", "enroll-keyfile", "--device", image.Path, "--key-file", keyFile, "--passphrase-stdin");
        var right = VirtcryptProcess.RunWithInput(
            "correct horse\nignored second line\n", "enroll-keyfile", "--device", image.Path, "--key-file", keyFile, "--passphrase-stdin");

        wrong.Exit.Should().Be(1);
        wrong.Error.Should().Contain("passphrase").And.NotContain("battery");
        right.Exit.Should().Be(0, right.Error);
        using var volume = LuksVolume.Load(image.Path);
        (await volume.VerifyKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(1);
    }

    [Test]
    public void BootConfig_OfAMigratedDomain_GivesTheCrypttabLinesAndDropIns_AndWritesThemOnlyWithWrite()
    {
        var node = MigratedDomainNode();
        var crypttab = Path.Combine(work, "crypttab");
        var dropIns = Path.Combine(work, "virtqemud.service.d");
        string[] common = ["--json", "--connect", "test://" + node, "--job-dir", Jobs, "--domain", "mail-crypt", "--crypttab", crypttab, "--dropin-dir", dropIns];

        var (exit, shown, error) = CliFixtures.Run("boot-config", null, ["boot-config", .. common]);
        var nothingWritten = !File.Exists(crypttab) && !Directory.Exists(dropIns);
        var (writtenExit, written, _) = CliFixtures.Run("boot-config-written", null, ["boot-config", "--write", .. common]);

        (exit, error).Should().Be((0, ""));
        nothingWritten.Should().BeTrue("without --write boot-config only shows");
        shown.GetProperty("written").GetBoolean().Should().BeFalse();
        var entry = shown.GetProperty("entries").EnumerateArray().Should().ContainSingle().Subject.GetString();
        entry.Should().StartWith("cr_mail-crypt_vda UUID=" + LuksUuid.ToString("D"));
        writtenExit.Should().Be(0);
        written.GetProperty("written").GetBoolean().Should().BeTrue();
        File.ReadAllLines(crypttab).Should().Contain(entry);
        var dropIn = written.GetProperty("dropIns").EnumerateArray().Should().ContainSingle().Subject;
        File.ReadAllText(dropIn.GetProperty("path").GetString()!).Should().Be(dropIn.GetProperty("text").GetString());
    }

    [Test]
    public void Status_OfAMigratedDomain_OnAHostWithoutDeviceMapper_SaysSoAsItsOwnKind()
    {
        var node = MigratedDomainNode();

        var (exit, document, error) = CliFixtures.Run(
            "error-device-mapper-unavailable", null, "status", "--json", "--connect", "test://" + node, "--job-dir", Jobs, "--domain", "mail-crypt");

        (exit, error).Should().Be((1, ""));
        document.GetProperty("error").GetProperty("kind").GetString().Should().Be("device-mapper-unavailable");
        document.GetProperty("error").GetProperty("message").GetString().Should().Contain("/dev/mapper/cr_mail-crypt_vda");
    }

    /// <summary>
    /// A libvirt test-driver node holding 'mail-crypt', which a completed (retarget) job put onto
    /// /dev/mapper/cr_mail-crypt_vda, and that job's journal.
    /// </summary>
    private string MigratedDomainNode()
    {
        var node = Path.Combine(work, "node.xml");
        File.WriteAllText(node, $"""
            <node>
              <domain type='test'>
                <name>mail-crypt</name>
                <uuid>{SourceUuid:D}</uuid>
                <memory unit='KiB'>32768</memory>
                <os><type arch='x86_64'>hvm</type></os>
                <devices><disk type='block' device='disk'><source dev='/dev/mapper/cr_mail-crypt_vda'/><target dev='vda' bus='virtio'/></disk></devices>
              </domain>
            </node>
            """);
        var plan = JobSamples.Plan(
            targetDomain: "mail-crypt",
            request: new MigrationRequest { Domain = "mail-crypt", VolumeGroup = "vg0", Mode = MigrationMode.Retarget },
            sourceUuid: SourceUuid,
            disks: JobSamples.Disk(lvName: "mail-crypt_vda", mapper: "cr_mail-crypt_vda", luksUuid: LuksUuid));
        new JobStore(Jobs).Save(JobSamples.Job("20260104-000000-dddddd", plan).With(JobStatus.Completed));
        return node;
    }

    /// <summary>An image file formatted as LUKS2 with the passphrase "correct horse".</summary>
    private static async Task<ImageFile> LuksImageAsync()
    {
        var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        using (await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), new LuksFormatOptions { Pbkdf = Keys.CheapPbkdf2 }))
        {
        }

        return image;
    }

    /// <summary>A plan with fixed UUIDs, so a regenerated fixture changes only with the binary's output.</summary>
    private static MigrationPlan FixedPlan() => JobSamples.Plan(sourceUuid: SourceUuid, disks: JobSamples.Disk(luksUuid: LuksUuid));
}
