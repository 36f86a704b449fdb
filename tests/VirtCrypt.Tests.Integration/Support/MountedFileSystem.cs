namespace VirtCrypt.Tests.Integration.Support;

/// <summary>A filesystem mounted on a temporary directory, unmounted on dispose (test setup and checks only).</summary>
internal sealed class MountedFileSystem : IDisposable
{
    private MountedFileSystem(string path) => Path = path;

    internal string Path { get; }

    /// <summary>
    /// Mounts <paramref name="device"/>; read-only also skips the ext4 journal (<c>noload</c>), so nothing at all is
    /// written to the device.
    /// </summary>
    internal static MountedFileSystem Mount(string device, bool readOnly)
    {
        var path = Directory.CreateTempSubdirectory("virtcrypt-mount-").FullName;
        ExternalTool.Run("mount", "-o", readOnly ? "ro,noload" : "rw", device, path);
        return new MountedFileSystem(path);
    }

    public void Dispose()
    {
        ExternalTool.Run("umount", Path);
        Directory.Delete(Path);
    }
}
