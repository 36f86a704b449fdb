using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>Copies the files a clone needs its own of (NVRAM, swtpm state), never overwriting anything.</summary>
internal static class CloneFiles
{
    /// <summary>Copies a file or a directory tree; returns false when the source does not exist (nothing to copy).</summary>
    internal static bool Copy(FileCopyPlan plan)
    {
        if (File.Exists(plan.Destination) || Directory.Exists(plan.Destination))
        {
            throw new ObjectAlreadyExistsException(
                $"'{plan.Destination}' already exists: remove it or choose another name for the clone; nothing was copied.");
        }

        if (File.Exists(plan.Source))
        {
            File.Copy(plan.Source, plan.Destination);
            return true;
        }

        if (!Directory.Exists(plan.Source))
        {
            return false;
        }

        CopyDirectory(new DirectoryInfo(plan.Source), plan.Destination);
        return true;
    }

    internal static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    private static void CopyDirectory(DirectoryInfo source, string destination)
    {
        var created = Directory.CreateDirectory(destination);
        if (!OperatingSystem.IsWindows())
        {
            created.UnixFileMode = source.UnixFileMode;
        }
        foreach (var file in source.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(destination, file.Name));
        }

        foreach (var directory in source.EnumerateDirectories())
        {
            CopyDirectory(directory, Path.Combine(destination, directory.Name));
        }
    }
}
