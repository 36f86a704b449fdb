namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// A loop device over a sparse image file in the test host's memory (/tmp is a tmpfs there), detached and deleted
/// on dispose. Test setup only: it uses losetup, which the product never does.
/// </summary>
internal sealed class LoopDevice : IDisposable
{
    private LoopDevice(string imagePath, string devicePath)
    {
        ImagePath = imagePath;
        DevicePath = devicePath;
    }

    internal string ImagePath { get; }

    internal string DevicePath { get; }

    internal static LoopDevice Create(long sizeBytes)
    {
        TestHost.Require();
        var image = Path.Combine(Path.GetTempPath(), $"virtcrypt-loop-{Guid.NewGuid():N}.img");
        using (var file = File.Create(image))
        {
            file.SetLength(sizeBytes);
        }

        return new LoopDevice(image, ExternalTool.Run("losetup", "--find", "--show", image).Trim());
    }

    public void Dispose()
    {
        ExternalTool.Run("losetup", "--detach", DevicePath);
        File.Delete(ImagePath);
    }
}
