using VirtCrypt.Files;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// Damaged, hand-edited and hostile journals: each is refused by name with what is wrong, in words (never the JSON
/// library's text or a NullReferenceException), the file stays as it was, and the other journals still work.
/// </summary>
[TestFixture]
[Category("Unit")]
public class JournalParsingTests
{
    private static readonly (string Name, Func<string, string> Edit, string Reason)[] Damages =
    [
        ("newer schema", j => j.Replace("\"Schema\": 1", "\"Schema\": 2"), "it was written by a newer virtcrypt (journal schema 2; this one reads schema 1)*"),
        ("no schema", j => j.Replace("\"Schema\": 1,", ""), "it has no \"Schema\" field*"),
        ("schema not a number", j => j.Replace("\"Schema\": 1", "\"Schema\": \"one\""), "its \"Schema\" is \"one\", which no VirtCrypt writes"),
        ("truncated", j => j[..(j.Length / 2)], "it is not valid JSON (line *)"),
        ("empty", _ => "", "it is not valid JSON*"),
        ("not an object", _ => "[1, 2]", "it is not a JSON object"),
        ("id missing", j => j.Replace("\"Id\": \"job1\",", ""), "a required field (\"Id\") is missing at the top level"),
        ("uuid garbled", j => j.Replace("\"SourceUuid\": \"", "\"SourceUuid\": \"x"), "the value at $.Plan.SourceUuid (line *) is missing, null, or not of the kind VirtCrypt writes there"),
        ("state as a number", j => j.Replace("\"State\": \"Completed\"", "\"State\": 7"), "the value at $.History[0].State (line *)*"),
        ("unknown state", j => j.Replace("\"State\": \"Completed\"", "\"State\": \"Done\""), "the value at $.History[0].State (line *)*"),
        ("null where a name must be", j => j.Replace("\"Target\": \"vda\"", "\"Target\": null"), "the value at $.Plan.Disks[0].Target (line *)*"),
        ("plan null", j => j.Replace("\"Plan\": {", "\"Plan\": null, \"Unused\": {"), "the value at $.Plan (line *)*"),
        ("unknown field", j => j.Replace("\"Target\": \"vda\",", "\"Target\": \"vda\", \"Device\": \"/dev/sda\","), "it has a field \"Device\" that VirtCrypt does not know, at $.Plan.Disks[0].Device*"),
        ("null history entry", j => j.Replace("\"History\": [", "\"History\": [null, "), "History holds a null entry"),
        ("another job's id", j => j.Replace("\"Id\": \"job1\"", "\"Id\": \"job2\""), "it is the journal of job 'job2', not of 'job1' as its file name says*"),
        ("no disk", j => j[..j.IndexOf("\"Disks\": [\n      {", StringComparison.Ordinal)] + "\"Disks\": [], " + j[(j.IndexOf("\"NewDomainXml\"", StringComparison.Ordinal))..], "its plan has no disk"),
        ("volume name with a path", j => j.Replace("\"LvName\": \"mail-clone_vda\"", "\"LvName\": \"../../etc/cron.d/x\""), "disk vda: Invalid logical volume name \"../../etc/cron.d/x\": it contains '/'*"),
        ("mapping name with a path", j => j.Replace("\"MapperName\": \"cr_mail-clone_vda\"", "\"MapperName\": \"../sda\""), "disk vda: '../sda' is not a valid mapping name*"),
        ("disk in another volume group", j => j.Replace("\"VolumeGroup\": \"vg0\",\n        \"LvName\"", "\"VolumeGroup\": \"vg9\",\n        \"LvName\""), "disk vda is planned in volume group 'vg9', not in the plan's 'vg0'"),
    ];

    private string directory = null!;
    private JobStore store = null!;

    private static IEnumerable<TestCaseData> DamageCases => Damages.Select(d => new TestCaseData(d.Name).SetName($"DamagedJournal_IsRefusedByName_AndLeftAsItIs({d.Name})"));

    [SetUp]
    public void CreateStore()
    {
        directory = Path.Combine(Path.GetTempPath(), $"virtcrypt-jobs-{Guid.NewGuid():N}");
        store = new JobStore(directory);
    }

    [TearDown]
    public void RemoveStore() => Directory.Delete(directory, recursive: true);

    [TestCaseSource(nameof(DamageCases))]
    public void DamagedJournal_IsRefusedByName_AndLeftAsItIs(string damage)
    {
        var (_, edit, reason) = Damages.Single(d => d.Name == damage);
        var path = SaveThenEdit("job1", edit);
        var before = File.ReadAllBytes(path);

        var refused = store.Invoking(s => s.Load("job1")).Should().Throw<JournalDamagedException>().Which;

        refused.Path.Should().Be(path);
        refused.Reason.Should().Match(reason);
        refused.Message.Should().StartWith($"The journal {path} cannot be used: ");
        refused.Message.Should().NotContainAny("System.", "JSON deserialization", "LineNumber", "BytePosition", "could not be converted");
        File.ReadAllBytes(path).Should().Equal(before, "a damaged journal is never rewritten");
    }

    [Test]
    public void SymlinkedJournal_IsNotFollowed()
    {
        Directory.CreateDirectory(directory);
        var elsewhere = Path.Combine(directory, "..", $"elsewhere-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(elsewhere, JournalJson.Serialize(JobSamples.Job("job1")));
        try
        {
            File.CreateSymbolicLink(Path.Combine(directory, "job1.json"), elsewhere);

            store.Invoking(s => s.Load("job1")).Should().Throw<JournalDamagedException>()
                .Which.Reason.Should().Be("it is a symbolic link, which VirtCrypt never follows in the job directory");
        }
        finally
        {
            File.Delete(elsewhere);
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public void FifoInPlaceOfAJournal_IsRefusedWithoutWaiting()
    {
        Directory.CreateDirectory(directory);
        ExternalTool.Run("mkfifo", Path.Combine(directory, "job1.json"));

        store.Invoking(s => s.Load("job1")).Should().Throw<JournalDamagedException>()
            .Which.Reason.Should().Be("it is a FIFO (named pipe), not a regular file");
    }

    [Test]
    public void JournalOfAnotherUser_IsRefused()
    {
        Assume.That(FileStatus.EffectiveUser, Is.EqualTo(0u), "changing a file's owner needs root");
        store.Save(JobSamples.Job("job1"));
        ExternalTool.Run("chown", "65534", Path.Combine(directory, "job1.json"));

        store.Invoking(s => s.Load("job1")).Should().Throw<JournalDamagedException>()
            .Which.Reason.Should().Be("it is owned by uid 65534, not by root");
    }

    [Test]
    public void OneDamagedOrStrayFile_DoesNotHideTheOtherJobs()
    {
        var good = JobSamples.Job("20261101-000000-aaaaaa", JobSamples.Plan("mail-clone", disks: [JobSamples.Disk(mapper: "cr_mail-clone_vda")]));
        store.Save(good);
        SaveThenEdit("20261102-000000-bbbbbb", j => j.Replace("\"Schema\": 1", "\"Schema\": 9"));
        File.WriteAllText(Path.Combine(directory, "notes.json"), "{\"todo\": \"migrate mail\"}");
        File.WriteAllText(Path.Combine(directory, "my notes.json"), "{}");

        var all = store.ReadAll();

        all.Select(s => (s.Id, s.Job?.Id, s.Problem is null)).Should().Equal(
            ("20261101-000000-aaaaaa", "20261101-000000-aaaaaa", true),
            ("20261102-000000-bbbbbb", null, false),
            ("my notes", null, false),
            ("notes", null, false));
        all[1].Problem.Should().StartWith("it was written by a newer virtcrypt (journal schema 9");
        all[2].Problem.Should().Be("its file name is not a job id, so it is no journal VirtCrypt wrote");
        all[3].Problem.Should().StartWith("it has no \"Schema\" field");
        store.PlansNotRolledBack().Should().ContainSingle().Which.Plan.Disks.Single().LuksUuid.Should().Be(good.Plan.Disks.Single().LuksUuid);
    }

    private string SaveThenEdit(string id, Func<string, string> edit)
    {
        var job = JobSamples.Job(id).Recording("CreateLv", "vda", StepState.Completed);
        store.Save(job);
        var path = Path.Combine(directory, id + ".json");
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return path;
    }
}
