using System.Runtime.Versioning;
using VirtCrypt.Boot;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Tests.Native.Crypto;

namespace VirtCrypt.Tests.Native.Boot;

[TestFixture]
[Category("Native")]
[UnsupportedOSPlatform("windows")]
public class KeyFileEnrollmentTests
{
    private ImageFile image = null!;
    private Secret passphrase = null!;
    private string keyFile = null!;

    [SetUp]
    public async Task FormatAnImage()
    {
        image = ImageFile.Create();
        passphrase = Keys.Passphrase("correct horse");
        keyFile = Path.Combine(Path.GetTempPath(), $"virtcrypt-enroll-{Guid.NewGuid():N}.key");
        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), new LuksFormatOptions { Pbkdf = Keys.CheapPbkdf2 });
    }

    [TearDown]
    public void Delete()
    {
        File.Delete(keyFile);
        passphrase.Dispose();
        image.Dispose();
    }

    [Test]
    public async Task Enroll_ThenTheKeyFileAndThePassphraseBothOpen_TheKeyFileInACheapPbkdf2Keyslot()
    {
        var enrolled = await KeyFileEnrollment.EnrollAsync([image.Path], LuksKey.FromPassphrase(passphrase), keyFile);

        enrolled.Should().Equal(new EnrolledKeyslot(image.Path, 1));
        File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead);
        using var volume = LuksVolume.Load(image.Path);
        volume.GetInfo().Keyslots.Select(k => k.Pbkdf).Should().Equal("pbkdf2", "pbkdf2");
        (await volume.VerifyKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(1);
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
    }

    [Test]
    public async Task Enroll_WithAWrongPassphrase_CreatesNoKeyFile_AndAddsNoKeyslot()
    {
        using var wrong = Keys.Passphrase("battery staple");

        var enroll = () => KeyFileEnrollment.EnrollAsync([image.Path], LuksKey.FromPassphrase(wrong), keyFile, Keys.CheapPbkdf2);

        await enroll.Should().ThrowAsync<WrongPassphraseException>();
        File.Exists(keyFile).Should().BeFalse();
        using var volume = LuksVolume.Load(image.Path);
        volume.GetInfo().Keyslots.Select(k => k.Slot).Should().Equal(0);
    }

    [Test]
    public async Task Enroll_OverAnExistingFile_ChangesNothing()
    {
        File.WriteAllText(keyFile, "precious");

        var enroll = () => KeyFileEnrollment.EnrollAsync([image.Path], LuksKey.FromPassphrase(passphrase), keyFile, Keys.CheapPbkdf2);

        await enroll.Should().ThrowAsync<ObjectAlreadyExistsException>();
        File.ReadAllText(keyFile).Should().Be("precious");
        using var volume = LuksVolume.Load(image.Path);
        volume.GetInfo().Keyslots.Should().ContainSingle();
    }

    [Test]
    public async Task RemoveKey_RemovesThePassphrase_ThenRefusesTheLastKey_TheKeyFile()
    {
        await KeyFileEnrollment.EnrollAsync([image.Path], LuksKey.FromPassphrase(passphrase), keyFile, Keys.CheapPbkdf2);
        using var volume = LuksVolume.Load(image.Path);

        (await volume.RemoveKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
        var removeLast = () => volume.RemoveKeyAsync(LuksKey.FromKeyFile(keyFile));

        (await removeLast.Should().ThrowAsync<InvalidOperationStateException>()).WithMessage("*keyslot 1 is the last one*Add another key first.");
        (await volume.VerifyKeyAsync(LuksKey.FromKeyFile(keyFile))).Should().Be(1);
    }
}
