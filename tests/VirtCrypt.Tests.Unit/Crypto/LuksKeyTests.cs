using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Crypto;

[TestFixture]
[Category("Unit")]
public class LuksKeyTests
{
    [Test]
    public void FromPassphrase_RefusesAnEmptyOne()
    {
        using var empty = Secret.FromBytes([]);

        FluentActions.Invoking(() => LuksKey.FromPassphrase(empty)).Should().Throw<ArgumentException>().WithMessage("*empty*");
    }

    [Test]
    public void FromKeyFile_OfAMissingFile_SaysItDoesNotExist() =>
        FluentActions.Invoking(() => LuksKey.FromKeyFile("/nonexistent/key.bin"))
            .Should().Throw<ObjectNotFoundException>().WithMessage("The keyfile /nonexistent/key.bin does not exist.");

    [Test]
    public void ToString_NamesTheKind_NeverTheContent()
    {
        using var passphrase = Secret.FromChars("hunter2".AsSpan());

        LuksKey.FromPassphrase(passphrase).ToString().Should().Be("passphrase");
    }
}
