using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>
/// In-place LUKS2 encryption with data shift on an image file (offline reencryption needs no device-mapper), checked
/// by decrypting with the cryptsetup command: the data comes back byte for byte.
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

    private static LuksFormatOptions Format => new() { Pbkdf = Keys.CheapPbkdf2 };

    private static byte[] FirstBlock() => Enumerable.Repeat((byte)1, 4096).ToArray();

    /// <summary>Writes a known 4 KiB block at every MiB of the data area; returns the data area's SHA-256.</summary>
    private static string FillPattern(ImageFile image)
    {
        using (var file = new FileStream(image.Path, FileMode.Open, FileAccess.Write))
        {
            for (var mib = 0; mib < Data / ImageFile.MiB; mib++)
            {
                file.Position = mib * ImageFile.MiB;
                file.Write(Enumerable.Repeat((byte)(mib + 1), 4096).ToArray());
            }
        }

        return Sha256(image.Path);
    }

    /// <summary>Decrypts with the cryptsetup command (the reference), moving the header to a file; the data area's SHA-256.</summary>
    private static string DecryptedSha256(string path)
    {
        CryptsetupCli.Run(Passphrase, "reencrypt", "--decrypt", "--header", path + ".hdr.decrypt", "--force-offline-reencrypt", path)
            .Should().Be(0, "cryptsetup decrypts what the library encrypted");
        return Sha256(path);
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[Data];
        file.ReadExactly(buffer);
        return Convert.ToHexString(SHA256.HashData(buffer));
    }

    private sealed class Progress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
