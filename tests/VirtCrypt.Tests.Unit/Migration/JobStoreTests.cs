using VirtCrypt.Copy;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class JobStoreTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Path.Combine(Path.GetTempPath(), $"virtcrypt-jobs-{Guid.NewGuid():N}");

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void SaveThenLoad_RoundTripsHistoryAndFacts_AndLeavesNoTemporaryFile()
    {
        var store = new JobStore(directory);
        var job = JobSamples.Job("20261127-mail").With(new StepRecord("CreateLv", "vda", StepState.Completed, DateTimeOffset.UnixEpoch.AddSeconds(1)));
        job = job.With(job.Facts.WithCopyCheckpoint("vda", new CopyCheckpoint(1 << 20, 4096, true)));

        store.Save(job);
        var loaded = store.Load(job.Id);

        loaded.History.Should().Equal(job.History);
        loaded.Facts.CopyCheckpoints.Should().Equal(job.Facts.CopyCheckpoints);
        loaded.StateOf("CreateLv", "vda").Should().Be(StepState.Completed);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().Equal("20261127-mail.json");
        File.ReadAllText(Path.Combine(directory, "20261127-mail.json")).Should().Contain("\"Completed\"");
        store.List().Should().Equal("20261127-mail");
    }

    [Test]
    public void PlansNotRolledBack_AreTheNewestFirst_WithoutTheRolledBackJobs()
    {
        var store = new JobStore(directory);
        store.Save(JobCreating("20261101-000000-aaaaaa", "mail-clone", "cr_mail-clone_vda", rolledBack: false));
        store.Save(JobCreating("20261102-000000-bbbbbb", "mail-clone", "cr_mail-clone_vda", rolledBack: false));
        store.Save(JobCreating("20261103-000000-cccccc", "mail-clone", "cr_mail-clone_vda", rolledBack: true));

        var found = store.PlansNotRolledBack().ToList();

        found.Select(p => p.JobId).Should().Equal(
            ["20261102-000000-bbbbbb", "20261101-000000-aaaaaa"], "a rolled-back job created nothing");
        found.Should().OnlyContain(p => p.Plan.Disks.Single().LvName == p.JobId);
    }

    private static MigrationJob JobCreating(string id, string domain, string mapper, bool rolledBack)
    {
        var job = JobSamples.Job(id, JobSamples.Plan(domain, disks: [JobSamples.Disk(lvName: id, mapper: mapper)]));
        return rolledBack ? job.Recording("CreateLv", "vda", StepState.Undone) : job;
    }

    [Test]
    public void Lock_IsExclusive_UntilReleased()
    {
        var store = new JobStore(directory);
        store.Save(JobSamples.Job("job1"));

        using (store.Lock("job1"))
        {
            store.Invoking(s => s.Lock("job1")).Should().Throw<ResourceBusyException>().WithMessage("*job1*another process*");
        }

        using var again = store.Lock("job1");
        store.List().Should().Equal("job1");
        File.GetUnixFileMode(Path.Combine(directory, "job1.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void Load_OfAMissingJob_SaysHowToListJobs()
    {
        new JobStore(directory).Invoking(s => s.Load("nope")).Should().Throw<ObjectNotFoundException>()
            .WithMessage("*'nope'*virtcrypt jobs*");
        new JobStore(directory).Invoking(s => s.Lock("nope")).Should().Throw<ObjectNotFoundException>()
            .WithMessage("*'nope'*virtcrypt jobs*");
        Directory.Exists(directory).Should().BeFalse();
    }

    [TestCase("../etc/passwd")]
    [TestCase("a/b")]
    [TestCase("")]
    public void Load_RefusesIdsThatAreNotPlainNames(string id) =>
        new JobStore(directory).Invoking(s => s.Load(id)).Should().Throw<InvalidNameException>();
}
