using System.Text.RegularExpressions;
using VirtCrypt.Diagnostics;

namespace VirtCrypt.Tests.Native.Diagnostics;

[TestFixture]
[Category("Native")]
public class NativeComponentsTests
{
    private NativeComponentVersions versions = null!;

    [OneTimeSetUp]
    public void ReadVersions() => versions = NativeComponents.GetVersions("test:///default");

    [Test]
    public void Libvirt_MatchesTheInstalledPackage() =>
        ExternalTool.Run("dpkg-query", "-W", "-f=${Version}", "libvirt0").Should().StartWith(versions.Libvirt + "-");

    [Test]
    public void Hypervisor_OfTheTestDriver_Answers() =>
        versions.Hypervisor.Should().MatchRegex(@"^\d+\.\d+\.\d+$");

    [Test]
    public void Cryptsetup_MatchesTheCli() =>
        ExternalTool.Run("cryptsetup", "--version").Should().StartWith($"cryptsetup {versions.Cryptsetup} ");

    [Test]
    public void AskingAgain_GivesTheSameAnswers() =>
        NativeComponents.GetVersions("test:///default").Should().Be(versions);

    [Test]
    public void Lvm_MatchesTheCli() =>
        Regex.Match(ExternalTool.Run("lvm", "version"), @"LVM version:\s*(.+)").Groups[1].Value.Trim()
            .Should().Be(versions.Lvm);

    [Test]
    public void Blkid_MatchesTheCli() =>
        ExternalTool.Run("blkid", "-V").Should().Contain($"blkid from util-linux {versions.Blkid} ");
}
