namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>A sparse image file in the temp directory, deleted on dispose: a stand-in for a block device.</summary>
internal sealed class ImageFile : IDisposable
{
    internal const long MiB = 1024 * 1024;

    private ImageFile(string path) => Path = path;

    internal string Path { get; }

    internal static ImageFile Create(long sizeBytes = 32 * MiB)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"virtcrypt-luks-{Guid.NewGuid():N}.img");
        using (var file = File.Create(path))
        {
            file.SetLength(sizeBytes);
        }

        return new ImageFile(path);
    }

    internal byte[] Read(long offset, int count)
    {
        using var file = File.OpenRead(Path);
        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    public void Dispose() => File.Delete(Path);
}
