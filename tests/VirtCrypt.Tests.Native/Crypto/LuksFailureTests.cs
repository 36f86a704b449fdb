using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class LuksFailureTests
{
    [Test]
    public void Load_OfAnEmptyImage_SaysItIsNotLuks()
    {
        using var image = ImageFile.Create();

        FluentActions.Invoking(() => LuksVolume.Load(image.Path)).Should().Throw<CryptsetupException>()
            .WithMessage($"{image.Path} is not a LUKS volume: it has no valid LUKS header*")
            .Which.NativeError!.Code.Should().Be(-22);
    }

    [Test]
    public async Task Format_WhoseFirstKeyslotFails_WipesTheNewHeaderAgain()
    {
        using var image = ImageFile.Create();
        var keyFile = Keys.KeyFile([1, 2, 3]);
        var key = LuksKey.FromKeyFile(keyFile);
        File.Delete(keyFile);

        var format = () => LuksVolume.FormatAsync(image.Path, key, Keys.Luks2);

        (await format.Should().ThrowAsync<ObjectNotFoundException>()).WithMessage($"The keyfile {keyFile} does not exist.");
        DeviceContentProbe.Probe(image.Path).Should().BeEmpty();
        image.Read(0, 16 * 1024).Should().OnlyContain(b => b == 0);
    }

    [Test]
    public async Task Format_OfAMissingDevice_SaysItDoesNotExist()
    {
        using var passphrase = Keys.Passphrase("correct horse");

        var format = () => LuksVolume.FormatAsync("/nonexistent/disk.img", LuksKey.FromPassphrase(passphrase), Keys.Luks2);

        await format.Should().ThrowAsync<ObjectNotFoundException>().WithMessage("The device /nonexistent/disk.img does not exist.");
    }

    [Test]
    public async Task Format_WithTooFewPbkdf2Iterations_RelaysLibcryptsetupsReason_AndLogsIt()
    {
        var logger = new ListLogger<LuksVolume>();
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        var options = Keys.Luks2 with { Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 10 } };

        var format = () => LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), options, logger);

        await format.Should().ThrowAsync<CryptsetupException>()
            .WithMessage($"Cannot format {image.Path}: *(libcryptsetup: Forced iteration count is too low for pbkdf2 (minimum is 1000).)");
        DeviceContentProbe.Probe(image.Path).Should().BeEmpty();
        logger.Entries.Should().Contain((LogLevel.Error, "libcryptsetup: Forced iteration count is too low for pbkdf2 (minimum is 1000)."));
    }
}
