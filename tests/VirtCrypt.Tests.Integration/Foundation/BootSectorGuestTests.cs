using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Foundation;

/// <summary>The test guest itself boots under the test host's libvirtd and prints its marker and its disk's text.</summary>
[TestFixture]
[Category("Integration")]
public class BootSectorGuestTests
{
    [Test]
    public void Guest_BootsUnderLibvirt_AndPrintsTheTextOfItsDisk()
    {
        TestHost.Require();
        var work = Directory.CreateTempSubdirectory("virtcrypt-guest-").FullName;
        var disk = Path.Combine(work, "disk.img");
        var serial = Path.Combine(work, "serial.log");
        var xml = Path.Combine(work, "domain.xml");
        BootSectorGuest.CreateRawDisk(disk, 16 << 20, "plain text from sector two");
        File.WriteAllText(xml, BootSectorGuest.DomainXml("guest-selftest", disk, "raw", serial));

        ExternalTool.Run("virsh", "-c", "qemu:///system", "define", xml);
        try
        {
            ExternalTool.Run("virsh", "-c", "qemu:///system", "start", "guest-selftest");
            SerialLog.WaitFor(serial, "plain text from sector two", TimeSpan.FromSeconds(120))
                .Should().Contain(BootSectorGuest.Marker);
        }
        finally
        {
            ExternalTool.Run("virsh", "-c", "qemu:///system", "destroy", "guest-selftest");
            ExternalTool.Run("virsh", "-c", "qemu:///system", "undefine", "guest-selftest");
            Directory.Delete(work, recursive: true);
        }
    }
}
