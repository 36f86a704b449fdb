using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>
/// In-place LUKS2 encryption with data shift on an image file (offline reencryption needs no device-mapper), checked
/// by decrypting with the cryptsetup command: the data comes back byte for byte. And its inverse, the decryption that
/// moves the data back to offset 0 (a rollback's), checked on what the cryptsetup command encrypted.
/// </summary>
[TestFixture]
[Category("Native")]
public class InPlaceEncryptionTests
{
    private const long Shift = 16 * ImageFile.MiB;
    private const long Data = 24 * ImageFile.MiB;
    private static readonly byte[] Passphrase = Encoding.UTF8.GetBytes("in place");

    [Test]
    public async Task Encrypted_InPlace_DecryptsToTheSameData_AndLeavesTheLastShiftFree()
    {
        using var image = ImageFile.Create(Data + (2 * Shift));
        var before = FillPattern(image);
        var header = image.Path + ".hdr";
        try
        {
            using var key = Keys.Passphrase("in place");
            await LuksInPlaceEncryption.InitializeAsync(image.Path, header, LuksKey.FromPassphrase(key), Format, Shift, NullLogger.Instance, default);
            image.Read(0, 4096).Should().Equal(FirstBlock(), "the head is not written before the header is restored");
            LuksInPlaceEncryption.IsInProgress(header, NullLogger.Instance).Should().BeTrue();
            using (var restored = LuksVolume.RestoreHeader(image.Path, header))
            {
                restored.GetInfo().DataOffsetBytes.Should().Be(Shift);
            }

            var reports = new List<(long Done, long Total)>();
            await LuksInPlaceEncryption.RunAsync(image.Path, LuksKey.FromPassphrase(key), new Progress(reports.Add), NullLogger.Instance, default);

            LuksInPlaceEncryption.IsInProgress(image.Path, NullLogger.Instance).Should().BeFalse();
            reports.Should().NotBeEmpty().And.Subject.Last().Done.Should().Be(reports.Last().Total);
            DecryptedSha256(image.Path).Should().Be(before);
        }
        finally
        {
            File.Delete(header);
            File.Delete(header + ".decrypt");
        }
    }

    [Test]
    public async Task Run_WithAWrongPassphrase_IsRefused_AndTheRightOneFinishesIt()
    {
        using var image = ImageFile.Create(Data + (2 * Shift));
        var before = FillPattern(image);
        var header = image.Path + ".hdr";
        try
        {
            using var key = Keys.Passphrase("in place");
            using var wrong = Keys.Passphrase("not it");
            await LuksInPlaceEncryption.InitializeAsync(image.Path, header, LuksKey.FromPassphrase(key), Format, Shift, NullLogger.Instance, default);
            LuksVolume.RestoreHeader(image.Path, header).Dispose();
            var headBefore = image.Read(0, 1 << 20);

            using (var volume = LuksVolume.Load(image.Path))
            {
                await volume.Awaiting(v => v.VerifyKeyAsync(LuksKey.FromPassphrase(wrong))).Should().ThrowAsync<WrongPassphraseException>(
                    "a resume checks the key against a volume in the middle of its encryption");
                await volume.VerifyKeyAsync(LuksKey.FromPassphrase(key));
            }

            await FluentActions.Awaiting(() => LuksInPlaceEncryption.RunAsync(image.Path, LuksKey.FromPassphrase(wrong), null, NullLogger.Instance, default))
                .Should().ThrowAsync<WrongPassphraseException>();
            image.Read(0, 1 << 20).Should().Equal(headBefore, "a refused passphrase changes nothing");

            await LuksInPlaceEncryption.RunAsync(image.Path, LuksKey.FromPassphrase(key), null, NullLogger.Instance, default);
            DecryptedSha256(image.Path).Should().Be(before);
        }
        finally
        {
            File.Delete(header);
            File.Delete(header + ".decrypt");
        }
    }

    [Test]
    public async Task Run_Cancelled_ThenResumed_DecryptsToTheSameData()
    {
        using var image = ImageFile.Create(Data + (2 * Shift));
        var before = FillPattern(image);
        var header = image.Path + ".hdr";
        try
        {
            using var key = Keys.Passphrase("in place");
            await LuksInPlaceEncryption.InitializeAsync(image.Path, header, LuksKey.FromPassphrase(key), Format, Shift, NullLogger.Instance, default);
            LuksVolume.RestoreHeader(image.Path, header).Dispose();
            using var cancel = new CancellationTokenSource();
            var progress = new Progress(p =>
            {
                if (p.Done > 0)
                {
                    cancel.Cancel();
                }
            });

            await FluentActions.Awaiting(() => LuksInPlaceEncryption.RunAsync(image.Path, LuksKey.FromPassphrase(key), progress, NullLogger.Instance, cancel.Token))
                .Should().ThrowAsync<OperationCanceledException>();
            LuksInPlaceEncryption.IsInProgress(image.Path, NullLogger.Instance).Should().BeTrue("it stopped part way");

            await LuksInPlaceEncryption.RunAsync(image.Path, LuksKey.FromPassphrase(key), null, NullLogger.Instance, default);
            DecryptedSha256(image.Path).Should().Be(before);
        }
        finally
        {
            File.Delete(header);
            File.Delete(header + ".decrypt");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Decrypted_InPlace_GivesBackTheSameData_AtOffsetZero(bool encryptedByTheCommand)
    {
        using var image = ImageFile.Create(Data + (2 * Shift));
        var before = FillPattern(image);
        var exported = image.Path + ".exported";
        try
        {
            using var key = Keys.Passphrase("in place");
            await EncryptAsync(image, LuksKey.FromPassphrase(key), encryptedByTheCommand);
            using (var encrypted = LuksVolume.Load(image.Path))
            {
                encrypted.GetInfo().DataOffsetBytes.Should().Be(Shift);
            }

            LuksInPlaceDecryption.ExportHeader(image.Path, exported, NullLogger.Instance);
            LuksInPlaceDecryption.WipeHead(image.Path, exported, NullLogger.Instance);
            image.Read(0, (int)Shift).Should().OnlyContain(b => b == 0, "only the exported file holds the header now");
            LuksInPlaceDecryption.IsFinished(exported, NullLogger.Instance).Should().BeFalse();
            await LuksInPlaceDecryption.InitializeAsync(image.Path, exported, LuksKey.FromPassphrase(key), NullLogger.Instance, default);
            LuksInPlaceEncryption.IsInProgress(exported, NullLogger.Instance).Should().BeTrue();

            var reports = new List<(long Done, long Total)>();
            await LuksInPlaceDecryption.RunAsync(image.Path, exported, LuksKey.FromPassphrase(key), new Progress(reports.Add), NullLogger.Instance, default);

            LuksInPlaceDecryption.IsFinished(exported, NullLogger.Instance).Should().BeTrue();
            reports.Should().NotBeEmpty().And.Subject.Last().Done.Should().Be(reports.Last().Total);
            Sha256(image.Path).Should().Be(before, "the plain data is back at offset 0, byte for byte");
        }
        finally
        {
            File.Delete(exported);
        }
    }

    [Test]
    public async Task Decryption_WithAWrongPassphrase_IsRefused_ThenCancelled_ThenResumed_GivesBackTheSameData()
    {
        // Twice the data: libcryptsetup finishes the last hotzone (the segment it moved to the head) even when interrupted.
        const long data = 2 * Data;
        using var image = ImageFile.Create(data + (2 * Shift));
        var before = FillPattern(image, data);
        var exported = image.Path + ".exported";
        try
        {
            using var key = Keys.Passphrase("in place");
            using var wrong = Keys.Passphrase("not it");
            await EncryptAsync(image, LuksKey.FromPassphrase(key), byTheCommand: false, data);
            LuksInPlaceDecryption.ExportHeader(image.Path, exported, NullLogger.Instance);
            LuksInPlaceDecryption.WipeHead(image.Path, exported, NullLogger.Instance);
            var imageBefore = Sha256(image.Path, data + Shift);
            var headerBefore = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(exported)));

            await FluentActions.Awaiting(() => LuksInPlaceDecryption.InitializeAsync(image.Path, exported, LuksKey.FromPassphrase(wrong), NullLogger.Instance, default))
                .Should().ThrowAsync<WrongPassphraseException>();
            Sha256(image.Path, data + Shift).Should().Be(imageBefore, "a refused passphrase changes nothing on the device");
            Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(exported))).Should().Be(headerBefore, "nor in the header");

            await LuksInPlaceDecryption.InitializeAsync(image.Path, exported, LuksKey.FromPassphrase(key), NullLogger.Instance, default);
            using var cancel = new CancellationTokenSource();
            var progress = new Progress(p =>
            {
                if (p.Done > 0)
                {
                    cancel.Cancel();
                }
            });
            await FluentActions.Awaiting(() => LuksInPlaceDecryption.RunAsync(image.Path, exported, LuksKey.FromPassphrase(key), progress, NullLogger.Instance, cancel.Token))
                .Should().ThrowAsync<OperationCanceledException>();
            LuksInPlaceEncryption.IsInProgress(exported, NullLogger.Instance).Should().BeTrue("it stopped part way");
            await FluentActions.Awaiting(() => LuksInPlaceDecryption.RunAsync(image.Path, exported, LuksKey.FromPassphrase(wrong), null, NullLogger.Instance, default))
                .Should().ThrowAsync<WrongPassphraseException>();

            await LuksInPlaceDecryption.RunAsync(image.Path, exported, LuksKey.FromPassphrase(key), null, NullLogger.Instance, default);
            LuksInPlaceDecryption.IsFinished(exported, NullLogger.Instance).Should().BeTrue();
            Sha256(image.Path, data).Should().Be(before);
        }
        finally
        {
            File.Delete(exported);
        }
    }

    /// <summary>
    /// Encrypts the image in place, by the library or by the cryptsetup command (the reference), and gives back the room
    /// behind the data as ShrinkLv does: header and data remain.
    /// </summary>
    private static async Task EncryptAsync(ImageFile image, LuksKey key, bool byTheCommand, long data = Data)
    {
        var header = image.Path + ".hdr";
        try
        {
            if (byTheCommand)
            {
                CryptsetupCli.Run(
                    Passphrase, "reencrypt", "--encrypt", "--type", "luks2", "--reduce-device-size", $"{2 * Shift / ImageFile.MiB}M",
                    "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--force-offline-reencrypt", image.Path)
                    .Should().Be(0, "cryptsetup encrypts the image in place");
            }
            else
            {
                await LuksInPlaceEncryption.InitializeAsync(image.Path, header, key, Format, Shift, NullLogger.Instance, default);
                LuksVolume.RestoreHeader(image.Path, header).Dispose();
                await LuksInPlaceEncryption.RunAsync(image.Path, key, null, NullLogger.Instance, default);
            }
        }
        finally
        {
            File.Delete(header);
        }

        using var file = new FileStream(image.Path, FileMode.Open, FileAccess.Write);
        file.SetLength(data + Shift);
    }

    private static LuksFormatOptions Format => new() { Pbkdf = Keys.CheapPbkdf2 };

    private static byte[] FirstBlock() => Enumerable.Repeat((byte)1, 4096).ToArray();

    /// <summary>Writes a known 4 KiB block at every MiB of the data area; returns the data area's SHA-256.</summary>
    private static string FillPattern(ImageFile image, long data = Data)
    {
        using (var file = new FileStream(image.Path, FileMode.Open, FileAccess.Write))
        {
            for (var mib = 0; mib < data / ImageFile.MiB; mib++)
            {
                file.Position = mib * ImageFile.MiB;
                file.Write(Enumerable.Repeat((byte)(mib + 1), 4096).ToArray());
            }
        }

        return Sha256(image.Path, data);
    }

    /// <summary>Decrypts with the cryptsetup command (the reference), moving the header to a file; the data area's SHA-256.</summary>
    private static string DecryptedSha256(string path)
    {
        CryptsetupCli.Run(Passphrase, "reencrypt", "--decrypt", "--header", path + ".hdr.decrypt", "--force-offline-reencrypt", path)
            .Should().Be(0, "cryptsetup decrypts what the library encrypted");
        return Sha256(path);
    }

    private static string Sha256(string path, long length = Data)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[length];
        file.ReadExactly(buffer);
        return Convert.ToHexString(SHA256.HashData(buffer));
    }

    private sealed class Progress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
