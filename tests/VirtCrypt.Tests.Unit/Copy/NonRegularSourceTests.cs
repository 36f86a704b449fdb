using System.Diagnostics;
using VirtCrypt.Copy;

namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>
/// A disk source that is neither a regular file nor a block device is refused before a byte is read, and a FIFO never
/// blocks the open (it would hang <c>virtcrypt plan</c> until something writes to it).
/// </summary>
[TestFixture]
[Category("Unit")]
public class NonRegularSourceTests
{
    [TestCase(DiskFormat.Raw)]
    [TestCase(DiskFormat.Qcow2)]
    public void AFifo_IsRefusedAtOnce(DiskFormat format)
    {
        using var directory = new TempDirectory();
        var fifo = directory.File("disk.img");
        ExternalTool.Run("mkfifo", fifo);
        var started = Stopwatch.StartNew();

        FluentActions.Invoking(() => DiskImage.Open(fifo, format)).Should().Throw<InvalidDiskImageException>()
            .WithMessage($"{fifo} is a FIFO (named pipe), not a disk image file or a block device: VirtCrypt reads and writes disks only as regular files and block devices. Check the path.")
            .Which.ImagePath.Should().Be(fifo);
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [TestCase("/dev/zero", "a character device")]
    [TestCase("/tmp", "a directory")]
    public void AnythingButAFileOrBlockDevice_IsRefused(string path, string kind) =>
        FluentActions.Invoking(() => DiskImage.Open(path, DiskFormat.Raw)).Should().Throw<InvalidDiskImageException>()
            .WithMessage($"{path} is {kind}, not a disk image file or a block device:*");
}
