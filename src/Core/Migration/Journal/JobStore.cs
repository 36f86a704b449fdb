using System.Text.Json;
using VirtCrypt.Errors;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// Keeps job journals as JSON files in one directory (by default <c>/var/lib/virtcrypt/jobs</c>). Every save is
/// atomic and durable: a temporary file is written and fsync'd, renamed over the journal, and the directory fsync'd,
/// so after a power loss the journal is either the previous version or the new one. Journals are readable by their
/// owner only: the domain XML they keep may hold graphics passwords.
/// </summary>
public sealed class JobStore
{
    /// <summary>Where journals live unless the caller says otherwise.</summary>
    public const string DefaultDirectory = "/var/lib/virtcrypt/jobs";

    /// <summary>Creates a store over <paramref name="directory"/> (created when first saved to).</summary>
    public JobStore(string directory = DefaultDirectory) => Directory = directory;

    /// <summary>The directory holding the journals.</summary>
    public string Directory { get; }

    /// <summary>Writes the job's journal durably.</summary>
    public void Save(MigrationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = PathOf(job.Id);
        var temporary = path + ".tmp";
        var privateFile = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, privateFile))
        {
            JsonSerializer.Serialize(stream, job, MigrationJson.Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Directory);
    }

    /// <summary>Reads a job's journal.</summary>
    /// <exception cref="ObjectNotFoundException">There is no journal for <paramref name="jobId"/>.</exception>
    public MigrationJob Load(string jobId)
    {
        var path = PathOf(jobId);
        if (!File.Exists(path))
        {
            throw new ObjectNotFoundException($"There is no migration job '{jobId}' in {Directory}: list the jobs with 'virtcrypt jobs'.");
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<MigrationJob>(stream, MigrationJson.Options)
            ?? throw new VirtCryptException($"The journal {path} is empty or damaged.");
    }

    /// <summary>
    /// Takes the job's lock for as long as the result is not disposed, so that no two processes resume or roll back
    /// the same job at once.
    /// </summary>
    /// <exception cref="ResourceBusyException">Another process holds it.</exception>
    public IDisposable Lock(string jobId)
    {
        var path = PathOf(jobId) + ".lock";
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new ResourceBusyException($"Job {jobId} is being worked on by another process; wait for it to finish.", innerException: e);
        }
    }

    /// <summary>The ids of every job in the store, oldest first (ids begin with their creation time).</summary>
    public IReadOnlyList<string> List() =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : new DirectoryInfo(Directory).GetFiles("*.json").Select(f => Path.GetFileNameWithoutExtension(f.Name))
                .Order(StringComparer.Ordinal).ToList();

    private string PathOf(string jobId)
    {
        if (jobId.Length == 0 || jobId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidNameException($"'{jobId}' is not a job id: ids are letters, digits, '-' and '_'.");
        }

        return Path.Combine(Directory, jobId + ".json");
    }

    /// <summary>The plans of the jobs not rolled back, with their ids, newest first.</summary>
    internal IEnumerable<(string JobId, MigrationPlan Plan)> PlansNotRolledBack()
    {
        foreach (var id in List().Reverse())
        {
            var job = Load(id);
            if (job.Plan is { } plan && !job.History.Any(r => r.State == StepState.Undone))
            {
                yield return (id, plan);
            }
        }
    }
}
