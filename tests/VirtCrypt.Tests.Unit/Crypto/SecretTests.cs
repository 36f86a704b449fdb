using System.Text;
using VirtCrypt.Crypto;

namespace VirtCrypt.Tests.Unit.Crypto;

[TestFixture]
[Category("Unit")]
public class SecretTests
{
    [Test]
    public void FromChars_EncodesUtf8_LikeTheCryptsetupCommand()
    {
        using var secret = Secret.FromChars("pässwörd €".AsSpan());

        secret.Bytes.ToArray().Should().Equal(Encoding.UTF8.GetBytes("pässwörd €"));
        secret.Length.Should().Be(14);
    }

    [Test]
    public void Dispose_ZeroesTheBytes_AndLaterUseThrows()
    {
        var secret = Secret.FromBytes([1, 2, 3, 4]);
        var bytes = secret.Bytes;

        secret.Dispose();

        bytes.ToArray().Should().Equal(0, 0, 0, 0);
        FluentActions.Invoking(() => secret.Length).Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public void ToString_NeverShowsTheContent()
    {
        using var secret = Secret.FromChars("hunter2".AsSpan());

        secret.ToString().Should().Be("[secret]");
        $"{secret}".Should().NotContain("hunter2");
    }

    [Test]
    public void ContentEquals_ComparesBytes()
    {
        using var typed = Secret.FromChars("same".AsSpan());
        using var confirmed = Secret.FromChars("same".AsSpan());
        using var other = Secret.FromChars("Same".AsSpan());

        typed.ContentEquals(confirmed).Should().BeTrue();
        typed.ContentEquals(other).Should().BeFalse();
    }

    [Test]
    public void Random_HasTheLength_AndDiffersEachTime()
    {
        using var first = Secret.Random(64);
        using var second = Secret.Random(64);

        first.Length.Should().Be(64);
        first.ContentEquals(second).Should().BeFalse();
    }
}
