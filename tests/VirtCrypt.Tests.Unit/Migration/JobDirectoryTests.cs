using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// The job directory is root's alone, and nothing placed in it is ever written or locked through: a directory others
/// can write to, or one of another owner, is refused before anything is read or written; a symbolic link where the
/// journal, its temporary file or its lock go is refused and its target stays as it was.
/// </summary>
[TestFixture]
[Category("Unit")]
public class JobDirectoryTests
{
    private string parent = null!;
    private string directory = null!;

    [SetUp]
    public void CreateParent()
    {
        parent = Directory.CreateTempSubdirectory("virtcrypt-jobdir-").FullName;
        directory = Path.Combine(parent, "jobs");
    }

    [TearDown]
    public void RemoveParent() => Directory.Delete(parent, recursive: true);

    [Test]
    public void FirstSave_CreatesTheDirectoryPrivate()
    {
        new JobStore(directory).Save(JobSamples.Job("job1"));

        File.GetUnixFileMode(directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(directory, "job1.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TestCase("0777")]
    [TestCase("0770")]
    [TestCase("0702")]
    public void DirectoryOthersCanWriteTo_IsRefused_AndNothingIsWritten(string mode)
    {
        var store = new JobStore(directory);
        store.Save(JobSamples.Job("job1"));
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32(mode, 8));
        var before = Snapshot();

        store.Invoking(s => s.Save(JobSamples.Job("job2"))).Should().Throw<InvalidOperationStateException>()
            .WithMessage($"The job directory {directory} is writable by its group or by others (mode {mode}): *chmod 700 {directory}*nothing was read or written.");
        store.Invoking(s => s.Load("job1")).Should().Throw<InvalidOperationStateException>();
        store.Invoking(s => s.ReadAll()).Should().Throw<InvalidOperationStateException>();
        store.Invoking(s => s.Lock("job1")).Should().Throw<InvalidOperationStateException>();
        Snapshot().Should().Equal(before);
    }

    [Test]
    public void DirectoryOfAnotherOwner_IsRefused()
    {
        new JobStore(directory).Save(JobSamples.Job("job1"));
        var expected = FileStatus.EffectiveUser + 1;
        var store = new JobStore(directory, expected);
        var before = Snapshot();

        store.Invoking(s => s.Load("job1")).Should().Throw<InvalidOperationStateException>()
            .WithMessage($"The job directory {directory} is owned by {FileStatus.OwnerName(FileStatus.EffectiveUser)}, not by uid {expected}: *");
        store.Invoking(s => s.Save(JobSamples.Job("job2"))).Should().Throw<InvalidOperationStateException>();
        Snapshot().Should().Equal(before);
    }

    [Test]
    public void SymlinkedTemporaryFile_IsNeverWrittenThrough_AndStopsAResumeOrRollbackBeforeItActs()
    {
        var store = new JobStore(directory);
        var job = JobSamples.Job("job1");
        store.Save(job);
        var victim = Path.Combine(parent, "victim.conf");
        File.WriteAllText(victim, "root's precious file\n");
        var link = Path.Combine(directory, "job1.json.tmp");
        File.CreateSymbolicLink(link, victim);
        var journal = File.ReadAllBytes(Path.Combine(directory, "job1.json"));

        store.Invoking(s => s.Save(job.Recording("CreateLv", "vda", StepState.Started))).Should().Throw<InvalidOperationStateException>()
            .WithMessage($"{link}, where VirtCrypt writes the job's journal before renaming it into place, is not a file VirtCrypt left: it is a symbolic link, not a regular file.*");
        store.Invoking(s => s.Lock("job1")).Should().Throw<InvalidOperationStateException>().WithMessage($"{link}*symbolic link*");

        File.ReadAllText(victim).Should().Be("root's precious file\n");
        new FileInfo(link).LinkTarget.Should().Be(victim, "the link is left for the administrator to look at");
        File.ReadAllBytes(Path.Combine(directory, "job1.json")).Should().Equal(journal);
    }

    [Test]
    public void TemporaryFileLeftByACrash_IsReplaced()
    {
        var store = new JobStore(directory);
        store.Save(JobSamples.Job("job1"));
        File.WriteAllText(Path.Combine(directory, "job1.json.tmp"), "{ half a jour");

        store.Save(JobSamples.Job("job1").Recording("CreateLv", "vda", StepState.Started));

        store.Load("job1").StateOf("CreateLv", "vda").Should().Be(StepState.Started);
        File.Exists(Path.Combine(directory, "job1.json.tmp")).Should().BeFalse();
    }

    [Test]
    public void SymlinkedLockFile_IsRefused_AndItsTargetUntouched()
    {
        var store = new JobStore(directory);
        store.Save(JobSamples.Job("job1"));
        var victim = Path.Combine(parent, "victim.lock");
        File.WriteAllText(victim, "keep");
        File.CreateSymbolicLink(Path.Combine(directory, "job1.json.lock"), victim);

        store.Invoking(s => s.Lock("job1")).Should().Throw<InvalidOperationStateException>()
            .WithMessage("The lock file *job1.json.lock is a symbolic link, which VirtCrypt never follows*nothing was done*");
        File.ReadAllText(victim).Should().Be("keep");
    }

    private List<(string Name, string Content)> Snapshot() =>
        Directory.GetFileSystemEntries(directory).Order(StringComparer.Ordinal).Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
}
