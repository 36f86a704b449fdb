using System.Text;
using VirtCrypt.Crypto;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class LuksHeaderUuidTests
{
    // LUKS1 on-disk header: the UUID is 40 bytes at offset 168, outside any checksum.
    private const int Luks1UuidOffset = 168;

    [Test]
    public async Task Uuid_IsTheHeadersGuid()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        var uuid = Guid.NewGuid();
        using (await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks1 with { Uuid = uuid }))
        {
        }

        LuksHeaders.At(image.Path)!.Uuid.Should().Be(uuid);
    }

    [Test]
    public async Task AHandEditedHeaderWhoseUuidIsNoUuid_IsStillAHeader_WithoutAUuid()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        using (await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks1))
        {
        }

        using (var file = File.OpenWrite(image.Path))
        {
            file.Position = Luks1UuidOffset;
            file.Write(Encoding.ASCII.GetBytes("not-a-uuid".PadRight(40, '\0')));
        }

        var header = LuksHeaders.At(image.Path);

        header.Should().NotBeNull("a foreign header must not look like an empty device");
        header!.Uuid.Should().BeNull();
    }

    [Test]
    public void NoHeader_IsNull()
    {
        using var image = ImageFile.Create();

        LuksHeaders.At(image.Path).Should().BeNull();
    }
}
