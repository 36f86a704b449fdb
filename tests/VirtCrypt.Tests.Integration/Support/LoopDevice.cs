namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// A loop device: over a sparse image file of its own in the test host's memory (/tmp is a tmpfs there), detached and
/// deleted on dispose; or over an existing file or block device, only detached. Test setup only: it uses losetup,
/// which the product never does.
/// </summary>
internal sealed class LoopDevice : IDisposable
{
    private readonly bool ownsImage;

    private LoopDevice(string imagePath, string devicePath, bool ownsImage)
    {
        ImagePath = imagePath;
        DevicePath = devicePath;
        this.ownsImage = ownsImage;
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

        return new LoopDevice(image, ExternalTool.Run("losetup", "--find", "--show", image).Trim(), ownsImage: true);
    }

    /// <summary>
    /// Attaches <paramref name="path"/> (a file or a block device) with its partitions scanned (<c>DEVICEpN</c>). Over a
    /// block device, I/O goes direct (through the page cache, reading thousands of small files took many times longer here).
    /// </summary>
    internal static LoopDevice AttachPartitioned(string path, bool readOnly)
    {
        TestHost.Require();
        string[] mode = readOnly ? ["--read-only"] : [];
        string[] direct = path.StartsWith("/dev/", StringComparison.Ordinal) ? ["--direct-io=on"] : [];
        return new LoopDevice(path, ExternalTool.Run("losetup", ["--find", "--show", "--partscan", .. mode, .. direct, path]).Trim(), ownsImage: false);
    }

    /// <summary>The device node of partition <paramref name="number"/>, once the kernel has created it (no udev here).</summary>
    internal string Partition(int number)
    {
        var path = $"{DevicePath}p{number}";
        for (var attempt = 0; attempt < 50 && !File.Exists(path); attempt++)
        {
            Thread.Sleep(100);
        }

        return File.Exists(path) ? path : throw new InvalidOperationException($"{DevicePath} has no partition {number}.");
    }

    public void Dispose()
    {
        ExternalTool.Run("losetup", "--detach", DevicePath);
        if (ownsImage)
        {
            File.Delete(ImagePath);
        }
    }
}
