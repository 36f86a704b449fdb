using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;
using static VirtCrypt.Tests.Native.Crypto.ImageFile;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class LuksFormatTests
{
    [Test]
    public async Task Luks2_WithTheUsualCipher_ReadsBackAsFormatted()
    {
        using var image = Create();
        using var passphrase = Keys.Passphrase("correct horse");

        using (await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2 with { Label = "mail" }))
        {
        }

        using var volume = LuksVolume.Load(image.Path);
        var info = volume.GetInfo();
        info.Version.Should().Be(LuksVersion.Luks2);
        info.Cipher.Should().Be("aes");
        info.CipherMode.Should().Be("xts-plain64");
        info.KeySizeBits.Should().Be(512);
        info.Hash.Should().Be("sha512");
        info.DataOffsetBytes.Should().Be(16 * MiB);
        info.Label.Should().Be("mail");
        info.Keyslots.Should().ContainSingle().Which.Should().Be(new LuksKeyslot(0, "argon2id", 4, 32, 1));
        info.Uuid.Should().Be(Guid.Parse(ExternalTool.Run("cryptsetup", "luksUUID", image.Path).Trim()));
        var dump = ExternalTool.Run("cryptsetup", "luksDump", image.Path);
        dump.Should().MatchRegex(@"Version:\s+2").And.MatchRegex(@"cipher:\s+aes-xts-plain64").And.MatchRegex(@"AF hash:\s+sha512");
    }

    [Test]
    public async Task Luks1_OnRequest_ReadsBackWithTheLuks1DataOffset()
    {
        using var image = Create();
        using var passphrase = Keys.Passphrase("correct horse");

        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks1);

        var info = volume.GetInfo();
        info.Version.Should().Be(LuksVersion.Luks1);
        info.Cipher.Should().Be("aes");
        info.CipherMode.Should().Be("xts-plain64");
        info.KeySizeBits.Should().Be(512);
        info.Hash.Should().Be("sha512");
        info.DataOffsetBytes.Should().Be(2 * MiB);
        info.SectorSize.Should().Be(512);
        info.Label.Should().BeNull();
        info.Keyslots.Should().ContainSingle().Which.Should().Be(new LuksKeyslot(0, "pbkdf2", 1000, 0, 0));
        ExternalTool.Run("cryptsetup", "luksDump", image.Path).Should().MatchRegex(@"Version:\s+1").And.MatchRegex(@"Hash spec:\s+sha512");
    }

    [TestCase(LuksVersion.Luks2, 4 * MiB)]
    [TestCase(LuksVersion.Luks1, 4 * MiB)]
    public async Task ExplicitDataOffset_IsWhereTheDataStarts(LuksVersion version, long offset)
    {
        using var image = Create();
        using var passphrase = Keys.Passphrase("correct horse");
        var options = (version == LuksVersion.Luks1 ? Keys.Luks1 : Keys.Luks2) with { DataOffsetBytes = offset };

        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), options);

        volume.GetInfo().DataOffsetBytes.Should().Be(offset);
        ExternalTool.Run("cryptsetup", "luksDump", image.Path).Should().Contain(
            version == LuksVersion.Luks1 ? $"Payload offset:\t{offset / 512}" : $"offset: {offset} [bytes]");
    }

    [TestCase(LuksVersion.Luks2)]
    [TestCase(LuksVersion.Luks1)]
    public async Task ChosenUuid_IsTheHeadersUuid(LuksVersion version)
    {
        using var image = Create();
        using var passphrase = Keys.Passphrase("correct horse");
        var uuid = Guid.NewGuid();
        var options = (version == LuksVersion.Luks1 ? Keys.Luks1 : Keys.Luks2) with { Uuid = uuid };

        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), options);

        volume.GetInfo().Uuid.Should().Be(uuid);
        ExternalTool.Run("cryptsetup", "luksUUID", image.Path).Trim().Should().Be(uuid.ToString("D"));
    }

    [Test]
    public async Task SectorSize_IsStored()
    {
        using var image = Create();
        using var passphrase = Keys.Passphrase("correct horse");

        using var volume = await LuksVolume.FormatAsync(
            image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2 with { SectorSize = 4096 });

        volume.GetInfo().SectorSize.Should().Be(4096);
    }

    [Test]
    public void Defaults_AreLuks2AesXtsPlain64With512BitsSha512AndCryptsetupsArgon2idCosts()
    {
        var defaults = new LuksFormatOptions();
        defaults.Should().BeEquivalentTo(new
        {
            Version = LuksVersion.Luks2,
            Cipher = "aes",
            CipherMode = "xts-plain64",
            KeySizeBits = 512,
            Hash = "sha512",
            Pbkdf = (PbkdfOptions?)null,
            SectorSize = (int?)null,
            Label = (string?)null,
            DataOffsetBytes = (long?)null,
            Force = false,
        });

        // The header a default format writes, up to (not including) the expensive keyslot derivation.
        using var image = Create();
        CryptsetupCall.Run(NullLogger.Instance, call =>
        {
            crypt_init(out var context, image.Path).Should().Be(0);
            using (context)
            {
                LuksFormatter.WriteHeader(call, context, image.Path, defaults);

                Marshal.PtrToStringUTF8(crypt_get_type(context)).Should().Be(CRYPT_LUKS2);
                Marshal.PtrToStringUTF8(crypt_get_cipher(context)).Should().Be("aes");
                Marshal.PtrToStringUTF8(crypt_get_cipher_mode(context)).Should().Be("xts-plain64");
                crypt_get_volume_key_size(context).Should().Be(64);
                crypt_get_data_offset(context).Should().Be(16 * MiB / 512);

                var used = Marshal.PtrToStructure<crypt_pbkdf_type>(crypt_get_pbkdf_type(context));
                var library = Marshal.PtrToStructure<crypt_pbkdf_type>(crypt_get_pbkdf_default(CRYPT_LUKS2));
                Marshal.PtrToStringUTF8(used.type).Should().Be("argon2id").And.Be(Marshal.PtrToStringUTF8(library.type));
                Marshal.PtrToStringUTF8(used.hash).Should().Be("sha512");
                used.time_ms.Should().Be(2000).And.Be(library.time_ms);
                used.flags.Should().Be(0, "the defaults benchmark the machine; no cost is fixed");
                library.max_memory_kb.Should().Be(1024 * 1024);
                used.max_memory_kb.Should().BeGreaterThan(0).And.BeLessOrEqualTo(library.max_memory_kb, "capped only by physical memory");
                used.parallel_threads.Should().Be((uint)Math.Min(library.parallel_threads, Environment.ProcessorCount), "capped only by CPUs online");
            }

            return true;
        });
    }
}
