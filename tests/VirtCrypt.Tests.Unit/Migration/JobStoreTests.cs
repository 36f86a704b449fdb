using VirtCrypt.Copy;
using VirtCrypt.Errors;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;

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
        var job = new MigrationJob { Id = "20261127-mail", CreatedAt = DateTimeOffset.UnixEpoch, Domain = "mail" };
        job.History.Add(new StepRecord("CreateLv", "vda", StepState.Completed, DateTimeOffset.UnixEpoch.AddSeconds(1)));
        job.Facts["vda.luksUuid"] = "0b6c5f57-4a3f-4b3c-9c51-8b4a2f0b9e11";

        store.Save(job);
        var loaded = store.Load(job.Id);

        loaded.History.Should().Equal(job.History);
        loaded.Facts.Should().Equal(job.Facts);
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
        store.Save(new MigrationJob { Id = "20261104-000000-dddddd", CreatedAt = DateTimeOffset.UnixEpoch, Domain = "mail" });

        var found = store.PlansNotRolledBack().ToList();

        found.Select(p => p.JobId).Should().Equal(
            ["20261102-000000-bbbbbb", "20261101-000000-aaaaaa"], "a rolled-back job created nothing, and a job without a plan none yet");
        found.Should().OnlyContain(p => p.Plan.Disks.Single().LvName == p.JobId);
    }

    private static MigrationJob JobCreating(string id, string domain, string mapper, bool rolledBack)
    {
        var disk = new DiskPlan("vda", "/var/lib/libvirt/images/mail.img", DiskFormat.Raw, id, $"/dev/vg0/{id}",
            new VolumeLayout(1 << 20, 32 << 20, 16 << 20, 1 << 20, null), mapper, Guid.NewGuid());
        var job = new MigrationJob
        {
            Id = id,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Domain = "mail",
            Plan = new MigrationPlan
            {
                Request = new MigrationRequest { Domain = "mail", VolumeGroup = "vg0" },
                SourceUuid = Guid.NewGuid(),
                SourceRunning = false,
                TargetDomain = domain,
                Disks = [disk],
                NewDomainXml = "<domain/>",
                Checks = [],
                Warnings = [],
            },
        };
        if (rolledBack)
        {
            job.History.Add(new StepRecord("CreateLv", "vda", StepState.Undone, DateTimeOffset.UnixEpoch));
        }

        return job;
    }

    [Test]
    public void Lock_IsExclusive_UntilReleased()
    {
        var store = new JobStore(directory);
        store.Save(new MigrationJob { Id = "job1", CreatedAt = DateTimeOffset.UnixEpoch, Domain = "mail" });

        using (store.Lock("job1"))
        {
            store.Invoking(s => s.Lock("job1")).Should().Throw<ResourceBusyException>().WithMessage("*job1*another process*");
        }

        using var again = store.Lock("job1");
        store.List().Should().Equal("job1");
        File.GetUnixFileMode(Path.Combine(directory, "job1.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void Load_OfAMissingJob_SaysHowToListJobs() =>
        new JobStore(directory).Invoking(s => s.Load("nope")).Should().Throw<ObjectNotFoundException>()
            .WithMessage("*'nope'*virtcrypt jobs*");

    [TestCase("../etc/passwd")]
    [TestCase("a/b")]
    [TestCase("")]
    public void Load_RefusesIdsThatAreNotPlainNames(string id) =>
        new JobStore(directory).Invoking(s => s.Load(id)).Should().Throw<InvalidNameException>();
}
