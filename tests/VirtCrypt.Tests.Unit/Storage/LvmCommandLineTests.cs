using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Unit.Storage;

[TestFixture]
[Category("Unit")]
public class LvmCommandLineTests
{
    private static readonly LvmName Vg = LvmNames.VolumeGroup("vg0");

    [Test]
    public void Change_AnswersNoToEveryPrompt_AndWritesSizesInBytes()
    {
        var line = LvmCommandLine.Change("lvcreate")
            .Option("--size", 3L << 30)
            .Option("--name").Argument(LvmNames.LogicalVolume(Vg, "mail"))
            .Argument(Vg);

        line.ChangesMetadata.Should().BeTrue();
        line.ToString().Should().Be("lvcreate --quiet --quiet --size 3221225472b --name mail vg0");
    }

    [Test]
    public void Query_ChangesNothing_AndJoinsVolumeGroupAndLogicalVolume()
    {
        var line = LvmCommandLine.Query("lvdisplay").Option("--colon").Argument(Vg, LvmNames.LogicalVolume(Vg, "data"));

        line.ChangesMetadata.Should().BeFalse();
        line.ToString().Should().Be("lvdisplay --colon vg0/data");
    }

    [TestCase("--config=devices{filter=[\"r|.*|\"]}")]
    [TestCase("--a b")]
    [TestCase("-Y")]
    [TestCase("--UPPER")]
    [TestCase("config")]
    public void Option_RefusesAnythingButAPlainOptionName(string option) =>
        FluentActions.Invoking(() => LvmCommandLine.Query("vgs").Option(option)).Should().Throw<ArgumentException>();

    [TestCase("json std")]
    [TestCase("--config")]
    [TestCase("'quoted")]
    [TestCase("\"quoted")]
    [TestCase("#rest-is-a-comment")]
    [TestCase("")]
    [TestCase("tab\tx")]
    [TestCase("new\nline")]
    public void OptionValue_RefusesAnythingButOnePlainWord(string value) =>
        FluentActions.Invoking(() => LvmCommandLine.Query("vgs").Option("--reportformat", value)).Should().Throw<ArgumentException>();

    [Test]
    public void Words_StopAtLvm2RunsArgumentLimit()
    {
        var line = LvmCommandLine.Query("vgs");
        for (var i = 1; i < LvmCommandLine.MaxWords; i++)
        {
            line.Argument(Vg);
        }

        FluentActions.Invoking(() => line.Argument(Vg)).Should().Throw<ArgumentException>();
    }

    [TestCase("/dev/loop0")]
    [TestCase("/dev/disk/by-path/pci-0000:00:1f.2-ata-1")]
    [TestCase("/dev/mapper/vg0-data")]
    [TestCase("/dev/md/raid1_a+b")]
    public void DevicePath_AcceptsPlainPathsUnderDev(string path) => LvmDevicePath.ProblemWith(path).Should().BeNull();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("/dev/")]
    [TestCase("loop0")]
    [TestCase("--config")]
    [TestCase("/etc/passwd")]
    [TestCase("/dev/../etc/shadow")]
    [TestCase("/dev/./loop0")]
    [TestCase("/dev/loop0 --config")]
    [TestCase("/dev/disk/by-label/My\\x20Disk")]
    [TestCase("/dev/loop0\n")]
    [TestCase("/dev/lööp")]
    public void DevicePath_RefusesAnythingElse(string? path)
    {
        LvmDevicePath.ProblemWith(path).Should().NotBeNull();
        FluentActions.Invoking(() => LvmDevicePath.Of(path!)).Should().Throw<InvalidNameException>();
    }

    [Test]
    public void DevicePath_ThatDoesNotExist_IsNotFound() =>
        FluentActions.Invoking(() => LvmDevicePath.Of("/dev/virtcrypt-no-such-device")).Should().Throw<ObjectNotFoundException>()
            .WithMessage("*/dev/virtcrypt-no-such-device does not exist*");
}
