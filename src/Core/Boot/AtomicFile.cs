using System.Globalization;
using System.Text;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Boot;

/// <summary>
/// Replaces a configuration file so that after a crash it is either the old or the new version, never half. A
/// symbolic link is followed once, to the file it points to, and that file is replaced (the link stays); anything but
/// a regular file is refused before anything is written (see <see cref="ConfigurationFile"/>). The new file and the
/// backup get the previous file's permissions and owner; temporary and backup files are created exclusively, never
/// through a link.
/// </summary>
internal static class AtomicFile
{
    internal const UnixFileMode ConfigurationMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    internal const string BackupSuffix = ".virtcrypt-bak";

    /// <summary>
    /// Writes <paramref name="content"/> over <paramref name="path"/> (or over the file a link there points to);
    /// returns the backup of the previous file, if any. A new file gets <paramref name="modeIfNew"/>.
    /// </summary>
    /// <exception cref="OperationNotSupportedException">The path is not a regular file, nor a link to one; nothing was written.</exception>
    internal static string? Write(string path, string content, UnixFileMode modeIfNew, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("crypttab and systemd drop-ins are Linux files.");
        }

        var file = ConfigurationFile.Resolve(path);
        var directory = Path.GetDirectoryName(file.Path)!;
        if (!Directory.Exists(directory))
        {
            throw new ObjectNotFoundException($"Cannot write {file.Path}: the directory {directory} does not exist.");
        }

        var previous = file.Existing is null ? null : file.ReadBytes();
        var temporary = Path.Combine(directory, $".{Path.GetFileName(file.Path)}.{Guid.NewGuid():N}.tmp");
        var pending = false;
        try
        {
            DurableFile.WriteNew(temporary, Encoding.UTF8.GetBytes(content), file.Existing?.Permissions ?? modeIfNew, OwnerOf(file.Existing));
            pending = true;
            var backup = previous is null ? null : Backup(file, previous, time ?? TimeProvider.System);
            file.RequireUnchanged();
            DurableFile.Commit(temporary, file.Path);
            pending = false;
            return backup;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PermissionDeniedException($"Cannot write {file.Path}: permission denied (run as root).", innerException: e);
        }
        finally
        {
            if (pending)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The owner a replacement takes over from the file it replaces; none for a new file (the caller's own).</summary>
    private static (uint Owner, uint Group)? OwnerOf(FileStatus? existing) => existing is { } status ? (status.Owner, status.Group) : null;

    private static string Backup(ConfigurationFile file, byte[] previous, TimeProvider time)
    {
        var backup = file.Path + BackupSuffix;
        var stamped = backup + "-" + time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 0; FileStatus.OfEntry(backup) is not null; n++)
        {
            backup = n == 0 ? stamped : $"{stamped}.{n}";
        }

        DurableFile.WriteNew(backup, previous, file.Existing!.Value.Permissions, OwnerOf(file.Existing));
        return backup;
    }
}
