using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// The files a job may delete: only at a path it recorded before writing there, only a regular file or (for a copied
/// tree) directories and regular files that are all in the record of what was copied, never a symbolic link, and
/// owned by root. Anything else is refused with <see cref="ForeignObjectException"/> and left as it is.
/// </summary>
internal static class JobFiles
{
    /// <summary>What a copy of <paramref name="copy"/>'s source will consist of (as <see cref="CloneFiles"/> copies it); null when there is no source.</summary>
    internal static CopiedFile? Manifest(FileCopyPlan copy) =>
        Directory.Exists(copy.Source) ? new CopiedFile(copy.Destination, true, Entries(new DirectoryInfo(copy.Source), "").ToList())
        : File.Exists(copy.Source) ? new CopiedFile(copy.Destination, false, [])
        : null;

    /// <summary>Refuses unless what is at the copy's path is exactly (or, after an interrupted copy, part of) what the job copied.</summary>
    internal static void RequireAsCopied(MigrationContext context, CopiedFile copied) => Inspect(context, copied);

    /// <summary>Deletes a copy the job made, after <see cref="RequireAsCopied"/>; deepest entries first, directories only when empty.</summary>
    internal static void DeleteCopied(MigrationContext context, CopiedFile copied)
    {
        foreach (var (path, isDirectory) in Inspect(context, copied))
        {
            if (isDirectory)
            {
                Directory.Delete(path, recursive: false);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// Deletes <paramref name="path"/> when the job recorded it and it is a regular file of root's; does nothing when
    /// nothing is there.
    /// </summary>
    internal static void DeleteOwnFile(MigrationContext context, string path, bool recorded, string what)
    {
        if (FileStatus.OfEntry(path) is not { } status)
        {
            return;
        }

        var problem = !recorded ? $"job {context.Job.Id} did not record writing it" : ProblemWith(status, [context.FileOwner]);
        if (problem is not null)
        {
            throw new ForeignObjectException($"{path} ({what}) is not job {context.Job.Id}'s: {problem}. It is left alone; nothing was changed.");
        }

        File.Delete(path);
    }

    /// <summary>Checks the copy; returns what to delete, deepest first (empty when nothing is there).</summary>
    private static List<(string Path, bool IsDirectory)> Inspect(MigrationContext context, CopiedFile copied)
    {
        var plan = context.Plan;
        var copy = plan.FileCopies.FirstOrDefault(c => c.Destination == copied.Path);
        if (copy is null)
        {
            throw Foreign(context, copied.Path, "the plan copies nothing there");
        }

        var doomed = new List<(string Path, bool IsDirectory)>();
        if (FileStatus.OfEntry(copied.Path) is not { } top)
        {
            return doomed;
        }

        // swtpm's state is handed to its user when the clone runs: its owner may own the copy too.
        uint[] owners = FileStatus.OfEntry(copy.Source) is { } source ? [context.FileOwner, source.Owner] : [context.FileOwner];
        var problem = ProblemWith(top, owners, copied.IsDirectory ? FileKind.Directory : FileKind.RegularFile);
        if (problem is null && copied.IsDirectory)
        {
            problem = InspectTree(copied.Path, "", copied.Entries.ToHashSet(StringComparer.Ordinal), owners, doomed);
        }

        if (problem is not null)
        {
            throw Foreign(context, copied.Path, problem);
        }

        doomed.Add((copied.Path, copied.IsDirectory));
        return doomed;
    }

    private static string? InspectTree(string directory, string prefix, HashSet<string> copied, uint[] owners, List<(string, bool)> doomed)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory))
        {
            var status = FileStatus.OfEntry(path);
            if (status is null)
            {
                continue;
            }

            var isDirectory = status.Value.Kind == FileKind.Directory;
            var relative = prefix + Path.GetFileName(path) + (isDirectory ? "/" : "");
            var problem = !copied.Contains(relative)
                ? $"it holds {relative}, which the job did not copy"
                : ProblemWith(status.Value, owners, isDirectory ? FileKind.Directory : FileKind.RegularFile) is { } other ? $"{relative}: {other}" : null;
            problem ??= isDirectory ? InspectTree(path, relative, copied, owners, doomed) : null;
            if (problem is not null)
            {
                return problem;
            }

            doomed.Add((path, isDirectory));
        }

        return null;
    }

    private static string? ProblemWith(FileStatus status, uint[] owners, FileKind expected = FileKind.RegularFile) => status switch
    {
        _ when status.Kind != expected => $"it is {status.KindName}, not {(expected == FileKind.Directory ? "a directory" : "a regular file")}",
        _ when !owners.Contains(status.Owner) => $"it is owned by {FileStatus.OwnerName(status.Owner)}, not by {FileStatus.OwnerName(owners[0])}",
        _ => null,
    };

    private static ForeignObjectException Foreign(MigrationContext context, string path, string problem) =>
        new($"{path} is not what job {context.Job.Id} copied for the new domain: {problem}. It is not this job's and is left alone; nothing was changed.");

    /// <summary>The relative paths <see cref="CloneFiles"/> creates when it copies <paramref name="directory"/>; subdirectories end in '/'.</summary>
    private static IEnumerable<string> Entries(DirectoryInfo directory, string prefix)
    {
        foreach (var file in directory.EnumerateFiles())
        {
            yield return prefix + file.Name;
        }

        foreach (var subdirectory in directory.EnumerateDirectories())
        {
            yield return prefix + subdirectory.Name + "/";
            foreach (var entry in Entries(subdirectory, prefix + subdirectory.Name + "/"))
            {
                yield return entry;
            }
        }
    }
}
