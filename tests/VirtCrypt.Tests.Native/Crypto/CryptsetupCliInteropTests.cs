using System.Text;
using VirtCrypt.Crypto;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class CryptsetupCliInteropTests
{
    private static readonly byte[] PassphraseBytes = Encoding.UTF8.GetBytes("correct horse");

    [TestCase("luks2", LuksVersion.Luks2, 16 * ImageFile.MiB)]
    [TestCase("luks1", LuksVersion.Luks1, 2 * ImageFile.MiB)]
    public async Task AnImageFormattedByTheCli_IsReadByLuksVolume(string type, LuksVersion version, long dataOffset)
    {
        using var image = ImageFile.Create();
        CryptsetupCli.Run(
            PassphraseBytes, "luksFormat", "--type", type, "--cipher", "aes-xts-plain64", "--key-size", "512", "--hash", "sha512",
            "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", image.Path).Should().Be(0);
        using var passphrase = Secret.FromBytes(PassphraseBytes);

        using var volume = LuksVolume.Load(image.Path);

        volume.GetInfo().Should().BeEquivalentTo(new
        {
            Version = version,
            Cipher = "aes",
            CipherMode = "xts-plain64",
            KeySizeBits = 512,
            Hash = "sha512",
            DataOffsetBytes = dataOffset,
            Keyslots = new[] { new LuksKeyslot(0, "pbkdf2", 1000, 0, 0) },
        });
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
    }

    [Test]
    public async Task AnImageFormattedByLuksVolume_OpensWithTheCli_OnlyWithItsPassphrase()
    {
        using var image = ImageFile.Create();
        using var passphrase = Secret.FromBytes(PassphraseBytes);
        using (await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2))
        {
        }

        CryptsetupCli.Run(PassphraseBytes, "open", "--test-passphrase", image.Path).Should().Be(0);
        CryptsetupCli.Run(Encoding.UTF8.GetBytes("battery staple"), "open", "--test-passphrase", image.Path)
            .Should().Be(2, "cryptsetup exits with 2 for no permission (bad passphrase)");
    }
}
