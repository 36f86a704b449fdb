namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>A scratch directory on the real file system (O_DIRECT and SEEK_HOLE need one), deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    internal TempDirectory() => Directory.CreateDirectory(Path);

    internal string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"virtcrypt-copy-{Guid.NewGuid():N}");

    internal string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
