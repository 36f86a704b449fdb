using System.Globalization;
using System.Text;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Boot;

/// <summary>Replaces a configuration file so that after a crash it is either the old or the new version, never half.</summary>
internal static class AtomicFile
{
    internal const UnixFileMode ConfigurationMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    internal const string BackupSuffix = ".virtcrypt-bak";

    /// <summary>Writes <paramref name="content"/> over <paramref name="path"/>; returns the backup of the previous file, if any.</summary>
    internal static string? Write(string path, string content, UnixFileMode modeIfNew, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("crypttab and systemd drop-ins are Linux files.");
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new ObjectNotFoundException($"Cannot write {full}: the directory {directory} does not exist.");
        }

        var existed = File.Exists(full);
        var mode = existed ? File.GetUnixFileMode(full) : modeIfNew;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            DurableFile.WriteNew(temporary, Encoding.UTF8.GetBytes(content), mode);
            var backup = existed ? Backup(full, time ?? TimeProvider.System) : null;
            DurableFile.Commit(temporary, full);
            return backup;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PermissionDeniedException($"Cannot write {full}: permission denied (run as root).", innerException: e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Backup(string path, TimeProvider time)
    {
        var backup = path + BackupSuffix;
        var stamped = backup + "-" + time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 0; File.Exists(backup); n++)
        {
            backup = n == 0 ? stamped : $"{stamped}.{n}";
        }

        File.Copy(path, backup, overwrite: false);
        using (var stream = new FileStream(backup, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        return backup;
    }
}
