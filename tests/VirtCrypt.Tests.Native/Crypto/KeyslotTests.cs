using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class KeyslotTests
{
    private ImageFile image = null!;
    private Secret passphrase = null!;
    private LuksVolume volume = null!;

    [SetUp]
    public async Task FormatAnImage()
    {
        image = ImageFile.Create();
        passphrase = Keys.Passphrase("correct horse");
        volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);
    }

    [TearDown]
    public void Delete()
    {
        volume.Dispose();
        passphrase.Dispose();
        image.Dispose();
    }

    [Test]
    public async Task VerifyKey_WithTheRightPassphrase_ReturnsItsKeyslot() =>
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);

    [Test]
    public async Task VerifyKey_WithAWrongPassphrase_ThrowsWrongPassphrase_WithoutTheSecretInTheMessage()
    {
        using var wrong = Keys.Passphrase("battery staple");

        var verify = () => volume.VerifyKeyAsync(LuksKey.FromPassphrase(wrong));

        var thrown = await verify.Should().ThrowAsync<WrongPassphraseException>();
        thrown.WithMessage($"Cannot unlock {image.Path} with this passphrase: no keyslot accepts this passphrase or key.*");
        thrown.Which.Message.Should().NotContain("battery").And.NotContain("horse");
        thrown.Which.NativeError!.Code.Should().Be(-1);
    }

    [Test]
    public async Task AddKey_Passphrase_ThenBothOpen_AndRemoveKey_LeavesOnlyTheOther()
    {
        using var second = Keys.Passphrase("second passphrase");

        var slot = await volume.AddKeyAsync(LuksKey.FromPassphrase(passphrase), LuksKey.FromPassphrase(second), Keys.CheapPbkdf2);

        slot.Should().Be(1);
        volume.GetInfo().Keyslots.Select(k => (k.Slot, k.Pbkdf)).Should().Equal((0, "argon2id"), (1, "pbkdf2"));
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(second))).Should().Be(1);

        (await volume.RemoveKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);

        volume.GetInfo().Keyslots.Select(k => k.Slot).Should().Equal(1);
        await FluentActions.Awaiting(() => volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase)))
            .Should().ThrowAsync<WrongPassphraseException>();
    }

    [Test]
    public async Task AddKey_Keyfile_OpensByKeyfile_AndAKeyfileAddsAnotherKeyfile()
    {
        var keyFile = Keys.KeyFile([0, 1, 2, 3, 10, 13, 255, 42]);
        var otherKeyFile = Keys.KeyFile(new byte[4096]);
        try
        {
            var slot = await volume.AddKeyAsync(LuksKey.FromPassphrase(passphrase), LuksKey.FromKeyFile(keyFile), Keys.CheapArgon2id);
            (await volume.VerifyKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(slot);

            var other = await volume.AddKeyAsync(LuksKey.FromKeyFile(keyFile), LuksKey.FromKeyFile(otherKeyFile), Keys.CheapArgon2id);
            (await volume.VerifyKeyAsync(LuksKey.FromKeyFile(otherKeyFile))).Should().Be(other);

            (await volume.RemoveKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(slot);
            volume.GetInfo().Keyslots.Select(k => k.Slot).Should().Equal(0, other);
        }
        finally
        {
            File.Delete(keyFile);
            File.Delete(otherKeyFile);
        }
    }

    [Test]
    public async Task RemoveKey_OfTheLastKeyslot_IsRefused()
    {
        var remove = () => volume.RemoveKeyAsync(LuksKey.FromPassphrase(passphrase));

        (await remove.Should().ThrowAsync<InvalidOperationStateException>()).WithMessage("*keyslot 0 is the last one*Add another key first.");
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
    }

    [Test]
    public async Task VerifyKey_AfterCancellation_DoesNotRun()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase), cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }
}
