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

    [Test]
    public void Dispose_ClearsThePassphraseTheKeyOwns()
    {
        var passphrase = Secret.FromChars("hunter2".AsSpan());
        var key = LuksKey.FromPassphrase(passphrase);

        key.Dispose();

        FluentActions.Invoking(() => passphrase.Length).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(key.Dispose).Should().NotThrow("disposing twice is harmless");
    }

    [Test]
    public void Dispose_OfAKeyFileKey_LeavesTheFileAlone()
    {
        var path = Path.Combine(Path.GetTempPath(), $"virtcrypt-key-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            LuksKey.FromKeyFile(path).Dispose();

            File.ReadAllBytes(path).Should().Equal(1, 2, 3);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
