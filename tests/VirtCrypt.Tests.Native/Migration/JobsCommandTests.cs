using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary><c>virtcrypt jobs</c> with a damaged journal and a stray file next to a good one: it lists all three and succeeds.</summary>
[TestFixture]
[Category("Native")]
public class JobsCommandTests
{
    [Test]
    public void Jobs_ListsDamagedJournalsWithTheReason_AndTheOthersAsUsual()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("virtcrypt-jobs-cli-").FullName, "jobs");
        try
        {
            var store = new JobStore(directory);
            store.Save(JobSamples.Job("20260101-000000-aaaaaa").Recording("Copy", "vdb", StepState.Started));
            store.Save(JobSamples.Job("20260102-000000-bbbbbb"));
            var damaged = Path.Combine(directory, "20260102-000000-bbbbbb.json");
            File.WriteAllText(damaged, File.ReadAllText(damaged).Replace("\"Schema\": 1", "\"Schema\": 2", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory, "my notes.json"), "{}");

            var (exit, output, error) = VirtcryptProcess.RunToEnd("jobs", "--job-dir", directory);

            (exit, error).Should().Be((0, ""));
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Should().Equal(
                "job domain target status last step",
                "20260101-000000-aaaaaa mail mail-clone Unfinished Copy vdb Started",
                "20260102-000000-bbbbbb damaged: it was written by a newer virtcrypt (journal schema 2; this one reads schema 1): resume or roll the job back with that version",
                "my notes damaged: its file name is not a job id, so it is no journal VirtCrypt wrote");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }
}
