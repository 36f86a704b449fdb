using System.Text;
using VirtCrypt.Errors;
using VirtCrypt.Files;

namespace VirtCrypt.Boot;

/// <summary>
/// A configuration file VirtCrypt reads and replaces (crypttab, a systemd drop-in), resolved once: the path itself,
/// or for a symbolic link the file it finally points to (the link stays as it is). Only a regular file, or nothing
/// yet, is accepted: a device node, FIFO, socket, directory or dangling link is refused before anything is read or
/// written.
/// </summary>
/// <param name="RequestedPath">The path as given, made absolute.</param>
/// <param name="Path">The file to read and replace: the requested path, or the final target of the link there.</param>
/// <param name="Existing">What the file is now; null when there is no file yet.</param>
internal sealed record ConfigurationFile(string RequestedPath, string Path, FileStatus? Existing)
{
    /// <summary>Resolves <paramref name="path"/>, refusing anything but a regular file or a free name.</summary>
    /// <exception cref="OperationNotSupportedException">The path is not a regular file, nor a link to one; nothing was changed.</exception>
    internal static ConfigurationFile Resolve(string path)
    {
        var requested = System.IO.Path.GetFullPath(path);
        if (FileStatus.OfEntry(requested) is not { } status)
        {
            return new ConfigurationFile(requested, requested, null);
        }

        if (!status.IsSymbolicLink)
        {
            return status.IsRegularFile ? new ConfigurationFile(requested, requested, status) : throw Refused(requested, $"is {status.KindName}");
        }

        var target = FinalTarget(requested);
        var targetStatus = FileStatus.OfEntry(target)
            ?? throw Refused(requested, $"is a symbolic link to {target}, which does not exist", $"Point the link at the real file, or remove it");
        return targetStatus.IsRegularFile
            ? new ConfigurationFile(requested, target, targetStatus)
            : throw Refused(requested, $"is a symbolic link to {target}, which is {targetStatus.KindName}");
    }

    /// <summary>Reads the file, which must still be the regular file resolved (a FIFO swapped in is never waited on).</summary>
    internal byte[] ReadBytes()
    {
        using var handle = UnixFile.OpenToRead(Path);
        RequireTheResolvedFile(FileStatus.Of(handle, Path));
        using var stream = new FileStream(handle, FileAccess.Read);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The file's text (UTF-8); see <see cref="ReadBytes"/>.</summary>
    internal string ReadText() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Refuses when the requested path no longer leads to the file resolved (or, for a new file, to nothing).</summary>
    internal void RequireUnchanged()
    {
        var again = Resolve(RequestedPath);
        if (again.Path != Path || (again.Existing is null) != (Existing is null))
        {
            throw ChangedMeanwhile();
        }

        if (again.Existing is { } now)
        {
            RequireTheResolvedFile(now);
        }
    }

    private void RequireTheResolvedFile(FileStatus now)
    {
        if (Existing is not { } existing || !now.IsRegularFile || !now.IsSameFileAs(existing))
        {
            throw ChangedMeanwhile();
        }
    }

    private static string FinalTarget(string link)
    {
        try
        {
            return new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        }
        catch (IOException e)
        {
            throw Refused(link, $"is a symbolic link that cannot be followed ({e.Message})", "Point the link at the real file, or remove it");
        }
    }

    private static OperationNotSupportedException Refused(string path, string what, string advice = "Give the path of the file itself") =>
        new($"Cannot use {path}: it {what}. VirtCrypt reads and replaces only regular files (a symbolic link to one is followed, and stays). {advice}; nothing was written.");

    private ResourceBusyException ChangedMeanwhile() =>
        new ResourceBusyException($"{RequestedPath} changed while VirtCrypt was working on it (another program is editing it); nothing was written. Try again.");
}
