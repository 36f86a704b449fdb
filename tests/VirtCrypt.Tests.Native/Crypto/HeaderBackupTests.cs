using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
[SupportedOSPlatform("linux")]
public class HeaderBackupTests
{
    [Test]
    public async Task RestoreHeader_OntoAWipedHeader_MakesThePassphraseWorkAgain()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        var backup = Path.Combine(Path.GetTempPath(), $"virtcrypt-header-{Guid.NewGuid():N}.bin");
        try
        {
            Guid? uuid;
            using (var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2))
            {
                uuid = volume.GetInfo().Uuid;
                volume.BackupHeader(backup);
            }

            new FileInfo(backup).Length.Should().Be(16 * ImageFile.MiB);
            (File.GetUnixFileMode(backup) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)).Should().Be(UnixFileMode.None);
            WipeHeader(image.Path);
            FluentActions.Invoking(() => LuksVolume.Load(image.Path)).Should().Throw<CryptsetupException>()
                .WithMessage($"{image.Path} is not a LUKS volume*");

            using var restored = LuksVolume.RestoreHeader(image.Path, backup);

            restored.GetInfo().Uuid.Should().Be(uuid);
            (await restored.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
        }
        finally
        {
            File.Delete(backup);
        }
    }

    [Test]
    public async Task BackupHeader_RefusesToOverwriteAFile()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);
        var existing = Path.GetTempFileName();
        try
        {
            File.WriteAllText(existing, "precious");

            FluentActions.Invoking(() => volume.BackupHeader(existing)).Should().Throw<ObjectAlreadyExistsException>()
                .WithMessage($"Cannot back up the LUKS header of {image.Path} to {existing}: the file exists*");
            File.ReadAllText(existing).Should().Be("precious");
        }
        finally
        {
            File.Delete(existing);
        }
    }

    [Test]
    public void RestoreHeader_FromAMissingFile_SaysSo()
    {
        using var image = ImageFile.Create();

        FluentActions.Invoking(() => LuksVolume.RestoreHeader(image.Path, "/nonexistent/header.bin"))
            .Should().Throw<ObjectNotFoundException>().WithMessage("*the backup file /nonexistent/header.bin does not exist.");
    }

    /// <summary>Zeroes the header area with libcryptsetup's own wipe.</summary>
    private static void WipeHeader(string path)
    {
        CryptsetupCall.Run(NullLogger.Instance, _ =>
        {
            crypt_init(out var context, path).Should().Be(0);
            using (context)
            {
                return crypt_wipe(context, path, CRYPT_WIPE_ZERO, 0, 16 * ImageFile.MiB, 0, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }).Should().Be(0);
    }
}
