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
}
