using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Crypto;

[TestFixture]
[Category("Unit")]
public class CryptsetupErrorsTests
{
    private const int Header = (int)CryptsetupNeeds.Header;
    private const int Key = (int)CryptsetupNeeds.Key;
    private const int DeviceMapper = (int)CryptsetupNeeds.DeviceMapper;

    [TestCase(-1, Key, typeof(WrongPassphraseException), "no keyslot accepts this passphrase or key")]
    [TestCase(-1, Header, typeof(PermissionDeniedException), "operation not permitted; run as root")]
    [TestCase(-13, Header, typeof(PermissionDeniedException), "permission denied; run as root")]
    [TestCase(-2, Header, typeof(ObjectNotFoundException), "not found*")]
    [TestCase(-19, DeviceMapper, typeof(ObjectNotFoundException), "no such device or mapping")]
    [TestCase(-16, DeviceMapper, typeof(ResourceBusyException), "it is in use*")]
    [TestCase(-17, Header, typeof(ObjectAlreadyExistsException), "it already exists")]
    [TestCase(-28, Header, typeof(InsufficientSpaceException), "there is not enough space on the device")]
    [TestCase(-95, Key | DeviceMapper, typeof(DeviceMapperUnavailableException),
        "device-mapper is not available in this kernel (load dm_mod and dm_crypt)")]
    [TestCase(-95, Header, typeof(OperationNotSupportedException), "not supported*")]
    [TestCase(-5, Header, typeof(CryptsetupException), "libcryptsetup failed with error -5")]
    public void For_MapsTheErrno(int result, int needs, Type expected, string meaning)
    {
        var exception = CryptsetupErrors.For(result, null, "Cannot do it on /dev/x", (CryptsetupNeeds)needs);

        exception.Should().BeOfType(expected);
        exception.Message.Should().Match($"Cannot do it on /dev/x: {meaning}.");
        exception.NativeError.Should().Be(new NativeError(NativeLibraryKind.Cryptsetup, result));
    }

    [Test]
    public void For_AppendsLibcryptsetupsOwnLine()
    {
        var exception = CryptsetupErrors.For(-22, "Device /dev/x is too small.\n", "Cannot format /dev/x", CryptsetupNeeds.Header);

        exception.Message.Should().Be("Cannot format /dev/x: libcryptsetup failed with error -22. (libcryptsetup: Device /dev/x is too small.)");
        exception.NativeError!.Message.Should().Be("Device /dev/x is too small.\n");
    }
}
