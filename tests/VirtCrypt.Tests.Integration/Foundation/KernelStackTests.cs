using System.Text.RegularExpressions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Foundation;

[TestFixture]
[Category("Integration")]
public class KernelStackTests
{
    [OneTimeSetUp]
    public void InsideTheTestHost() => TestHost.Require();

    [Test]
    public void DeviceMapper_IsPresent()
    {
        File.Exists("/dev/mapper/control").Should().BeTrue("dm-mod is loaded in the test host");
        File.ReadAllText("/proc/misc").Should().Contain("device-mapper");
    }

    [Test]
    public void Libvirt_QemuSystem_AnswersWithTheQemuVersion()
    {
        var versions = NativeComponents.GetVersions("qemu:///system");

        versions.Hypervisor.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        Regex.Match(ExternalTool.Run("qemu-system-x86_64", "--version"), @"version (\d+\.\d+\.\d+)").Groups[1].Value
            .Should().Be(versions.Hypervisor);
    }

    [Test]
    public void Lvm2Cmd_Version_SeesTheDeviceMapperDriver()
    {
        using var lease = LvmCommandRunner.Acquire();
        var output = lease.Runner.Run("version");

        output.Succeeded.Should().BeTrue();
        output.Lines.Select(l => l.Text).Should().Contain(l => Regex.IsMatch(l, @"^\s*Driver version:\s*4\."),
            "LVM reports the kernel's device-mapper driver only when dm-mod is loaded");
    }

    [Test]
    public void Cryptsetup_ReportsItsVersion() =>
        NativeComponents.GetVersions().Cryptsetup.Should().MatchRegex(@"^2\.\d+\.\d+$");
}
