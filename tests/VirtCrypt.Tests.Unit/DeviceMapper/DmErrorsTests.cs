using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.DeviceMapper;

[TestFixture]
[Category("Unit")]
public class DmErrorsTests
{
    [TestCase(1, typeof(PermissionDeniedException), "permission denied; run as root")]
    [TestCase(6, typeof(ObjectNotFoundException), "no such device-mapper device")]
    [TestCase(16, typeof(ResourceBusyException), "it is in use*")]
    [TestCase(5, typeof(VirtCryptException), "libdevmapper failed with errno 5")]
    public void For_MapsTheIoctlErrno(int errno, Type expected, string meaning)
    {
        var exception = DmErrors.For(errno, null, "Cannot remove cr_x");

        exception.Should().BeOfType(expected);
        exception.Message.Should().Match($"Cannot remove cr_x: {meaning}.");
        exception.NativeError.Should().Be(new NativeError(NativeLibraryKind.Devmapper, errno));
    }

    [Test]
    public void For_NoIoctl_AsRoot_MeansNoDeviceMapper_WithLibdevmappersOwnLine()
    {
        Assume.That(Environment.IsPrivilegedProcess, "as root, failing to reach the driver means the kernel has none");

        var exception = DmErrors.For(0, "Check that device-mapper is available in the kernel.\n", "Cannot query /dev/mapper/cr_x");

        exception.Should().BeOfType<DeviceMapperUnavailableException>().Which.Message.Should().Be(
            "Cannot query /dev/mapper/cr_x: device-mapper is not available in this kernel (load dm_mod and dm_crypt). "
            + "(libdevmapper: Check that device-mapper is available in the kernel.)");
    }
}
