using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>This host's kernel has no device-mapper: opening must say so, and checking a key must still work.</summary>
[TestFixture]
[Category("Native")]
public class DeviceMapperAbsentTests
{
    [OneTimeSetUp]
    public void OnlyWithoutDeviceMapper()
    {
        if (File.ReadAllText("/proc/misc").Contains("device-mapper", StringComparison.Ordinal))
        {
            Assert.Ignore("This kernel has device-mapper; the Integration tier covers mappings.");
        }
    }

    [Test]
    public async Task Open_SaysDeviceMapperIsUnavailable_AndVerifyKeyStillWorks()
    {
        using var image = ImageFile.Create();
        using var passphrase = Keys.Passphrase("correct horse");
        using var volume = await LuksVolume.FormatAsync(image.Path, LuksKey.FromPassphrase(passphrase), Keys.Luks2);

        var open = () => volume.OpenAsync("virtcrypt_test", LuksKey.FromPassphrase(passphrase));

        (await open.Should().ThrowAsync<DeviceMapperUnavailableException>())
            .WithMessage("*device-mapper is not available in this kernel (load dm_mod and dm_crypt)*")
            .Which.NativeError!.Code.Should().Be(-95);
        (await volume.VerifyKeyAsync(LuksKey.FromPassphrase(passphrase))).Should().Be(0);
    }

    [Test]
    public void Status_SaysDeviceMapperIsUnavailable() =>
        FluentActions.Invoking(() => LuksVolume.Status("virtcrypt_test"))
            .Should().Throw<DeviceMapperUnavailableException>().WithMessage("Cannot query /dev/mapper/virtcrypt_test: device-mapper is not available*")
            .Which.NativeError.Should().BeEquivalentTo(new { Library = NativeLibraryKind.Devmapper, Code = 0 }, "libdevmapper never reached a driver");

    [Test]
    public async Task Close_SaysDeviceMapperIsUnavailable() =>
        await FluentActions.Awaiting(() => LuksVolume.CloseAsync("virtcrypt_test"))
            .Should().ThrowAsync<DeviceMapperUnavailableException>().WithMessage("Cannot close /dev/mapper/virtcrypt_test: device-mapper is not available*");

    [Test]
    public async Task RemovingAHalfMadeDevice_SaysDeviceMapperIsUnavailable() =>
        await FluentActions.Awaiting(() => HalfMadeDevices.RemoveOwnAsync("virtcrypt_test", "CRYPT-LUKS2-x-virtcrypt_test", NullLogger.Instance, CancellationToken.None))
            .Should().ThrowAsync<DeviceMapperUnavailableException>().WithMessage("Cannot look up the device-mapper device virtcrypt_test: device-mapper is not available*");
}
