using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Foundation;

[TestFixture]
[Category("Integration")]
public class LoopDeviceTests
{
    [Test]
    public void Create_AttachesABlockDeviceOfTheRequestedSize_AndDisposeDetachesIt()
    {
        string device;
        using (var loop = LoopDevice.Create(8 << 20))
        {
            device = loop.DevicePath;
            ExternalTool.Run("blockdev", "--getsize64", device).Trim().Should().Be((8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        ExternalTool.Run("losetup", "--list", "--noheadings", "--output", "NAME").Should().NotContain(device);
    }
}
