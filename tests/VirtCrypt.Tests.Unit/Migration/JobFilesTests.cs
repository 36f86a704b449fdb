using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Migration.Steps;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// A rollback deletes a file only when the job recorded it before writing it and it still is what the job wrote: the
/// copied tree exactly (no file it did not copy, no symbolic link, root's), the header backup and its partial file as
/// regular files of root's. Anything else is refused by name and stays byte for byte as it was.
/// </summary>
[TestFixture]
[Category("Unit")]
public class JobFilesTests
{
    private string work = null!;
    private string source = null!;
    private string destination = null!;
    private FileCopyPlan copy = null!;

    [SetUp]
    public void CreateTree()
    {
        work = Directory.CreateTempSubdirectory("virtcrypt-jobfiles-").FullName;
        source = Path.Combine(work, "swtpm", "source-uuid");
        destination = Path.Combine(work, "swtpm", "clone-uuid");
        Directory.CreateDirectory(Path.Combine(source, "tpm2"));
        File.WriteAllText(Path.Combine(source, "tpm2", "tpm2-00.permall"), "tpm state");
        File.WriteAllText(Path.Combine(source, "log"), "swtpm log");
        copy = new FileCopyPlan(source, destination);
    }

    [TearDown]
    public void RemoveTree() => Directory.Delete(work, recursive: true);

    [Test]
    public void CopiedTree_IsDeleted_AndItsSourceKept()
    {
        var context = Context(out var copied);
        CloneFiles.Copy(copy);

        JobFiles.DeleteCopied(context, copied);

        Directory.Exists(destination).Should().BeFalse();
        File.ReadAllText(Path.Combine(source, "tpm2", "tpm2-00.permall")).Should().Be("tpm state");
    }

    [Test]
    public void TreeHoldingAFileTheJobDidNotCopy_IsRefused_AndKept()
    {
        var context = Context(out var copied);
        CloneFiles.Copy(copy);
        File.WriteAllText(Path.Combine(destination, "tpm2", "precious.key"), "someone else's");
        var before = Checksums(destination);

        context.Invoking(c => JobFiles.DeleteCopied(c, copied)).Should().Throw<ForeignObjectException>()
            .WithMessage($"{destination} is not what job job1 copied for the new domain: it holds tpm2/precious.key, which the job did not copy. It is not this job's and is left alone; nothing was changed.");
        Checksums(destination).Should().Equal(before);
    }

    [Test]
    public void TreeHoldingASymlink_IsRefused_AndTheLinkTargetKept()
    {
        var context = Context(out var copied);
        CloneFiles.Copy(copy);
        var victim = Path.Combine(work, "etc-shadow");
        File.WriteAllText(victim, "root:x:");
        File.Delete(Path.Combine(destination, "log"));
        File.CreateSymbolicLink(Path.Combine(destination, "log"), victim);

        context.Invoking(c => JobFiles.DeleteCopied(c, copied)).Should().Throw<ForeignObjectException>()
            .WithMessage("*log: it is a symbolic link, not a regular file*");
        File.ReadAllText(victim).Should().Be("root:x:");
        Directory.Exists(Path.Combine(destination, "tpm2")).Should().BeTrue("nothing is deleted once something is refused");
    }

    [Test]
    public void SymlinkInPlaceOfTheTree_IsRefused_AndItsTargetKept()
    {
        var context = Context(out var copied);
        var victim = Directory.CreateDirectory(Path.Combine(work, "var-lib-important")).FullName;
        File.WriteAllText(Path.Combine(victim, "log"), "important");
        File.CreateSymbolicLink(destination, victim);

        context.Invoking(c => JobFiles.DeleteCopied(c, copied)).Should().Throw<ForeignObjectException>()
            .WithMessage($"{destination} is not what job job1 copied*it is a symbolic link, not a directory*");
        File.ReadAllText(Path.Combine(victim, "log")).Should().Be("important");
    }

    [Test]
    public void RecordedPathThePlanDoesNotCopyTo_IsRefused()
    {
        var context = Context(out _);
        var foreign = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
        File.WriteAllText(Path.Combine(foreign, "thesis.tex"), "years of work");

        context.Invoking(c => JobFiles.DeleteCopied(c, new CopiedFile(foreign, true, ["thesis.tex"]))).Should().Throw<ForeignObjectException>()
            .WithMessage($"{foreign} is not what job job1 copied for the new domain: the plan copies nothing there.*");
        File.ReadAllText(Path.Combine(foreign, "thesis.tex")).Should().Be("years of work");
    }

    [Test]
    public void CopyOwnedBySomeoneElse_IsRefused()
    {
        Assume.That(FileStatus.EffectiveUser, Is.EqualTo(0u), "changing a file's owner needs root");
        var context = Context(out var copied);
        CloneFiles.Copy(copy);
        ExternalTool.Run("chown", "65534", Path.Combine(destination, "log"));

        context.Invoking(c => JobFiles.DeleteCopied(c, copied)).Should().Throw<ForeignObjectException>()
            .WithMessage("*log: it is owned by uid 65534, not by root*");
        File.Exists(Path.Combine(destination, "log")).Should().BeTrue();
    }

    [Test]
    public async Task HeaderBackupUndo_RefusesAPartialFileTheJobDidNotRecord()
    {
        var disk = JobSamples.Disk();
        var partial = Path.Combine(work, disk.LvName + ".luks-header.partial");
        File.WriteAllText(partial, "another tool's backup in progress");
        var step = new BackupHeaderStep(Context(out _), disk, work);

        await step.Awaiting(s => s.UndoAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>()
            .WithMessage($"{partial} (a partly written header backup) is not job job1's: job job1 did not record writing it. It is left alone; nothing was changed.");
        File.ReadAllText(partial).Should().Be("another tool's backup in progress");
    }

    [Test]
    public async Task HeaderBackupUndo_RefusesABackupTheJobDidNotRecord()
    {
        var disk = JobSamples.Disk();
        var backup = Path.Combine(work, disk.LvName + ".luks-header");
        File.WriteAllText(backup, "the only copy of another volume's header");
        var step = new BackupHeaderStep(Context(out _), disk, work);

        await step.Awaiting(s => s.UndoAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>()
            .WithMessage($"{backup} is not the header backup job job1 wrote*");
        File.ReadAllText(backup).Should().Be("the only copy of another volume's header");
    }

    [Test]
    public async Task HeaderBackupUndo_RefusesARecordedPartialFileThatIsASymlink_AndDeletesARegularOne()
    {
        var disk = JobSamples.Disk();
        var partial = Path.Combine(work, disk.LvName + ".luks-header.partial");
        var victim = Path.Combine(work, "victim");
        File.WriteAllText(victim, "keep");
        File.CreateSymbolicLink(partial, victim);
        var context = Context(out _, f => f.WithHeaderBackup(Path.Combine(work, disk.LvName + ".luks-header")));
        var step = new BackupHeaderStep(context, disk, work);

        await step.Awaiting(s => s.UndoAsync(CancellationToken.None)).Should().ThrowAsync<ForeignObjectException>()
            .WithMessage("*it is a symbolic link, not a regular file*");
        File.ReadAllText(victim).Should().Be("keep");

        File.Delete(partial);
        File.WriteAllText(partial, "half a header");
        await step.UndoAsync(CancellationToken.None);
        File.Exists(partial).Should().BeFalse("a partial backup the job recorded is its own");
    }

    private MigrationContext Context(out CopiedFile copied, Func<JobFacts, JobFacts>? facts = null)
    {
        copied = JobFiles.Manifest(copy)!;
        var recorded = copied;
        var job = JobSamples.Job("job1", JobSamples.Plan(fileCopies: [copy])).WithFacts(f => (facts ?? (x => x))(f.WithCopiedFile(recorded)));
        var store = new JobStore(Path.Combine(work, "jobs"));
        store.Save(job);
        return new MigrationContext(new JobJournal(job, store, TimeProvider.System), null!, null!, null, NullLoggerFactory.Instance, null);
    }

    private static List<(string, string)> Checksums(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))).ToList();
}
