using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// Keeps job journals as JSON files in one directory (by default <c>/var/lib/virtcrypt/jobs</c>). The directory must be
/// root's and writable by nobody else (it is created mode 0700), since root acts on what the journals say; a journal,
/// its temporary file and its lock are never opened through a symbolic link. Every save is atomic and durable: a
/// temporary file is written and fsync'd, renamed over the journal, and the directory fsync'd, so after a power loss the
/// journal is either the previous version or the new one. Journals are readable by their owner only: the domain XML
/// they keep may hold graphics passwords.
/// </summary>
public sealed class JobStore
{
    /// <summary>Where journals live unless the caller says otherwise.</summary>
    public const string DefaultDirectory = "/var/lib/virtcrypt/jobs";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;
    private const int MaxJournalBytes = 16 << 20;
    private static readonly TimeSpan CreationLockWait = TimeSpan.FromSeconds(60);

    /// <summary>Creates a store over <paramref name="directory"/> (created when first saved to).</summary>
    public JobStore(string directory = DefaultDirectory)
        : this(directory, FileStatus.EffectiveUser)
    {
    }

    /// <summary>Creates a store whose directory and files must belong to <paramref name="owner"/> (root, in production).</summary>
    internal JobStore(string directory, uint owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        Owner = owner;
    }

    /// <summary>The directory holding the journals.</summary>
    public string Directory { get; }

    /// <summary>The uid that must own the directory and every file VirtCrypt trusts (the effective uid).</summary>
    internal uint Owner { get; }

    /// <summary>Writes the job's journal durably.</summary>
    internal void Save(MigrationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var path = PathOf(job.Id);
        System.IO.Directory.CreateDirectory(Directory, PrivateDirectory);
        RequireSafeDirectory();
        var temporary = TemporaryOf(path);
        RemoveLeftoverTemporary(temporary);
        DurableFile.WriteNew(temporary, JournalJson.Serialize(job), PrivateFile);
        DurableFile.Commit(temporary, path);
    }

    /// <summary>Reads a job's journal.</summary>
    /// <exception cref="ObjectNotFoundException">There is no journal for <paramref name="jobId"/>.</exception>
    /// <exception cref="JournalDamagedException">The journal is not a usable journal of that job.</exception>
    public MigrationJob Load(string jobId)
    {
        var path = PathOf(jobId);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw NoSuchJob(jobId);
        }

        RequireSafeDirectory();
        using var fd = new SafeFileDescriptorHandle(open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0));
        if (fd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                ENOENT => NoSuchJob(jobId),
                ELOOP => new JournalDamagedException(path, "it is a symbolic link, which VirtCrypt never follows in the job directory"),
                _ => new JournalDamagedException(path, $"it cannot be opened ({Marshal.GetPInvokeErrorMessage(errno)})"),
            };
        }

        var status = FileStatus.Of(fd, path);
        if (ProblemWithFile(status) is { } problem)
        {
            throw new JournalDamagedException(path, problem);
        }

        if (status.Size > MaxJournalBytes)
        {
            throw new JournalDamagedException(path, $"it is {status.Size} bytes long, far more than any journal (at most {MaxJournalBytes})");
        }

        var content = new byte[status.Size];
        for (var read = 0; read < content.Length;)
        {
            var count = pread(fd, content.AsSpan(read), (nuint)(content.Length - read), read);
            if (count <= 0)
            {
                throw new JournalDamagedException(path, count == 0 ? "it became shorter while being read" : $"it cannot be read ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }

            read += (int)count;
        }

        return JournalJson.Parse(content, jobId, path);
    }

    /// <summary>
    /// Every journal file in the store, oldest first, each with its job or with what makes it unusable, so that one
    /// damaged or stray file does not hide the others.
    /// </summary>
    public IReadOnlyList<StoredJob> ReadAll() =>
        List().Select(id =>
        {
            try
            {
                return new StoredJob(id, Load(id), null);
            }
            catch (JournalDamagedException e)
            {
                return new StoredJob(id, null, e.Reason);
            }
            catch (InvalidNameException)
            {
                return new StoredJob(id, null, "its file name is not a job id, so it is no journal VirtCrypt wrote");
            }
        }).ToList();

    /// <summary>
    /// Takes the job's lock for as long as the result is not disposed, so that no two processes resume or roll back
    /// the same job at once. Refuses while an entry VirtCrypt did not leave (a symbolic link, say) sits where the job's
    /// journal is written, so that nothing is done that could not be journaled.
    /// </summary>
    /// <exception cref="ResourceBusyException">Another process holds it.</exception>
    /// <exception cref="ObjectNotFoundException">There is no job directory.</exception>
    internal IDisposable Lock(string jobId)
    {
        var path = PathOf(jobId);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw NoSuchJob(jobId);
        }

        RequireSafeDirectory();
        RequireNoForeignTemporary(TemporaryOf(path));
        return TakeLock(path + ".lock", wait: null)
            ?? throw new ResourceBusyException($"Job {jobId} is being worked on by another process; wait for it to finish.");
    }

    /// <summary>The ids of every journal file in the store (<c>ID.json</c>), oldest first (ids begin with their creation time).</summary>
    public IReadOnlyList<string> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        RequireSafeDirectory();
        return new DirectoryInfo(Directory).GetFiles("*.json").Select(f => Path.GetFileNameWithoutExtension(f.Name))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Held while a new job is checked against the others and created, so that two migrations of one domain started at
    /// once cannot both pass the check for an unfinished job.
    /// </summary>
    internal IDisposable LockCreation(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory, PrivateDirectory);
        RequireSafeDirectory();
        var deadline = DateTime.UtcNow + CreationLockWait;
        return TakeLock(Path.Combine(Directory, "create.lock"), () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return DateTime.UtcNow < deadline;
        }) ?? throw new ResourceBusyException(
            $"Another process has been creating a migration job in {Directory} for {CreationLockWait.TotalSeconds:0} s; try again when it has started.");
    }

    /// <summary>The plans of the jobs not rolled back (not even in part), with their ids, newest first. Damaged journals are skipped.</summary>
    internal IEnumerable<(string JobId, MigrationPlan Plan)> PlansNotRolledBack() =>
        ReadAll().Reverse().Select(s => s.Job).OfType<MigrationJob>()
            .Where(job => !job.History.Any(r => r.State == StepState.Undone))
            .Select(job => (job.Id, job.Plan));

    /// <summary>Why a file in the job directory is not to be trusted, or null when it is a regular file of <see cref="Owner"/>'s.</summary>
    internal string? ProblemWithFile(FileStatus status) => status switch
    {
        { Kind: not FileKind.RegularFile } => $"it is {status.KindName}, not a regular file",
        _ when status.Owner != Owner => $"it is owned by {FileStatus.OwnerName(status.Owner)}, not by {FileStatus.OwnerName(Owner)}",
        _ => null,
    };

    private static string TemporaryOf(string path) => path + ".tmp";

    private ObjectNotFoundException NoSuchJob(string jobId) =>
        new($"There is no migration job '{jobId}' in {Directory}: list the jobs with 'virtcrypt jobs'.");

    /// <summary>Refuses a directory someone other than root could plant a journal in.</summary>
    private void RequireSafeDirectory()
    {
        var status = FileStatus.OfTarget(Directory)
            ?? throw new ObjectNotFoundException($"The job directory {Directory} does not exist.");
        var problem = status switch
        {
            { Kind: not FileKind.Directory } => $"is {status.KindName}, not a directory",
            _ when status.Owner != Owner => $"is owned by {FileStatus.OwnerName(status.Owner)}, not by {FileStatus.OwnerName(Owner)}: its owner could plant journals that VirtCrypt acts on as root. Give it to root (chown root:root {Directory})",
            { IsWritableByOthers: true } => $"is writable by its group or by others (mode {status.OctalMode}): they could plant journals that VirtCrypt acts on as root. Make it private (chmod 700 {Directory})",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidOperationStateException($"The job directory {Directory} {problem}, or choose another job directory; nothing was read or written.");
        }
    }

    /// <summary>A temporary journal left by a crash is removed; anything else there is refused and left alone.</summary>
    private void RemoveLeftoverTemporary(string temporary)
    {
        RequireNoForeignTemporary(temporary);
        File.Delete(temporary);
    }

    private void RequireNoForeignTemporary(string temporary)
    {
        if (FileStatus.OfEntry(temporary) is { } status && ProblemWithFile(status) is { } problem)
        {
            throw new InvalidOperationStateException(
                $"{temporary}, where VirtCrypt writes the job's journal before renaming it into place, is not a file VirtCrypt left: {problem}. " +
                "It is left alone and nothing was done: remove it if nobody needs it, then run again.");
        }
    }

    /// <summary>
    /// Opens (creating if needed, never through a link) and locks <paramref name="path"/>; returns null when another
    /// process holds the lock and <paramref name="wait"/> (polled between attempts) says to stop trying.
    /// </summary>
    private SafeFileDescriptorHandle? TakeLock(string path, Func<bool>? wait)
    {
        var fd = new SafeFileDescriptorHandle(open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, (uint)PrivateFile));
        try
        {
            if (fd.IsInvalid)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new InvalidOperationStateException(errno == ELOOP
                    ? $"The lock file {path} is a symbolic link, which VirtCrypt never follows in the job directory; it is left alone and nothing was done: remove it, then run again."
                    : $"Cannot open the lock file {path}: {Marshal.GetPInvokeErrorMessage(errno)}.");
            }

            if (ProblemWithFile(FileStatus.Of(fd, path)) is { } problem)
            {
                throw new InvalidOperationStateException($"The lock file {path} is not one VirtCrypt made: {problem}. It is left alone and nothing was done.");
            }

            while (flock(fd, LOCK_EX | LOCK_NB) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EAGAIN)
                {
                    throw new VirtCryptException($"Cannot lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}.", new NativeError(NativeLibraryKind.Libc, errno));
                }

                if (wait?.Invoke() != true)
                {
                    fd.Dispose();
                    return null;
                }

                Thread.Sleep(100);
            }

            return fd;
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    private string PathOf(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (jobId.Length == 0 || jobId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidNameException($"'{jobId}' is not a job id: ids are letters, digits, '-' and '_'.");
        }

        return Path.Combine(Directory, jobId + ".json");
    }
}
