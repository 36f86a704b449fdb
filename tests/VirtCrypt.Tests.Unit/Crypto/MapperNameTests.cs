using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Crypto;

[TestFixture]
[Category("Unit")]
public class MapperNameTests
{
    [TestCase("cr_mail")]
    [TestCase("cr-mail.2+x")]
    [TestCase("_x")]
    public void Validate_AcceptsOrdinaryNames(string name) =>
        FluentActions.Invoking(() => MapperName.Validate(name)).Should().NotThrow();

    [TestCase("")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("-x")]
    [TestCase("cr mail")]
    [TestCase("cr_mail\n")]
    public void Validate_RejectsWithTheRules(string name) =>
        FluentActions.Invoking(() => MapperName.Validate(name)).Should().Throw<InvalidNameException>()
            .WithMessage("*is not a valid mapping name: use 1 to 127 letters*");

    [Test]
    public void Validate_RejectsMoreThan127Characters() =>
        FluentActions.Invoking(() => MapperName.Validate(new string('a', 128))).Should().Throw<InvalidNameException>();

    [Test]
    public void PathOf_IsUnderDevMapper() => MapperName.PathOf("cr_mail").Should().Be("/dev/mapper/cr_mail");

    [TestCase("cr_mail")]
    [TestCase("vcinp-mail--clone_vdb")]
    [TestCase("luks-5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab")]
    [TestCase("a#b+c-d.e:f=g@h_i")]
    [TestCase("-x")]
    public void Parse_TakesDeviceMapperNames_AndKnowsTheirDevicePath(string name)
    {
        var parsed = MapperName.Parse(name);

        parsed.Name.Should().Be(name);
        parsed.ToString().Should().Be(name);
        parsed.DevicePath.Should().Be("/dev/mapper/" + name);
        MapperName.TryParsePath(parsed.DevicePath, out var back).Should().BeTrue();
        back.Should().Be(parsed);
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("cr mail")]
    [TestCase("cr_mail\n")]
    [TestCase("cr\x2fmail")]
    [TestCase("caf\u00e9")]
    public void Parse_RefusesWhatDeviceMapperDoesNotTakeAsIs(string name)
    {
        var unescaped = System.Text.RegularExpressions.Regex.Unescape(name);

        MapperName.TryParse(unescaped, out _).Should().BeFalse();
        FluentActions.Invoking(() => MapperName.Parse(unescaped)).Should().Throw<InvalidNameException>()
            .WithMessage($"'{unescaped}' is not a device-mapper name: use 1 to 127 letters*");
    }

    [Test]
    public void Parse_TakesUpTo127Characters_TheKernelsDmNameLenLessItsNul()
    {
        MapperName.TryParse(new string('a', 127), out _).Should().BeTrue();
        MapperName.TryParse(new string('a', 128), out _).Should().BeFalse();
        MapperName.TryParse(null, out _).Should().BeFalse();
    }

    [TestCase("/dev/mapper/cr_mail", "cr_mail")]
    [TestCase("/dev/mapper/vg0-root", "vg0-root")]
    public void TryParsePath_ReadsTheNameBack(string path, string name)
    {
        MapperName.TryParsePath(path, out var parsed).Should().BeTrue();
        parsed.Should().Be(MapperName.Parse(name));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("/dev/mapper/")]
    [TestCase("/dev/mapper/a/b")]
    [TestCase("/dev/mapper/..")]
    [TestCase("/dev/mapper/a b")]
    [TestCase("/dev/vg0/root")]
    [TestCase("dev/mapper/cr_mail")]
    [TestCase("/dev/mapper/../sda")]
    [TestCase("/dev/mapperx/cr_mail")]
    public void TryParsePath_RefusesEverythingElse(string? path)
    {
        MapperName.TryParsePath(path, out var parsed).Should().BeFalse();
        parsed.Should().Be(default(MapperName));
    }

    [Test]
    public void Default_HasNoName() =>
        FluentActions.Invoking(() => default(MapperName).Name).Should().Throw<InvalidOperationException>();
}
