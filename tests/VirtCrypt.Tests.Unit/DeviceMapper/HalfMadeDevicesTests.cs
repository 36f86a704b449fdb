using VirtCrypt.Crypto;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.DeviceMapper;

/// <summary>How a device's state is judged, and whose it is, from what DM_DEVICE_INFO reports (the records stand for its answers).</summary>
[TestFixture]
[Category("Unit")]
public class HalfMadeDevicesTests
{
    private const string Own = "CRYPT-LUKS2-1111176936b6465c8d872d2e1d79e056-cr_mail_vda";

    [TestCase(false, false, MappingDefect.NoTable)]
    [TestCase(false, true, MappingDefect.NoTable)]
    [TestCase(true, true, MappingDefect.Suspended)]
    [TestCase(true, false, null)]
    // The expected defect comes as an object: MappingDefect is internal, and a public test method cannot name it.
    public void Defect_FollowsTheTableAndTheSuspension(bool liveTable, bool suspended, object? expected) =>
        Device(Own, liveTable, suspended).Defect.Should().Be((MappingDefect?)expected);

    [Test]
    public void IsOwn_OnlyForExactlyTheExpectedUuid()
    {
        HalfMadeDevices.IsOwn(Device(Own), Own).Should().BeTrue();
        HalfMadeDevices.IsOwn(Device(Own.ToUpperInvariant()), Own).Should().BeFalse("device-mapper UUIDs are compared byte for byte");
        HalfMadeDevices.IsOwn(Device(Own + "x"), Own).Should().BeFalse();
        HalfMadeDevices.IsOwn(Device("CRYPT-LUKS2-2222276936b6465c8d872d2e1d79e056-cr_mail_vda"), Own).Should().BeFalse();
        HalfMadeDevices.IsOwn(Device(""), Own).Should().BeFalse();
    }

    [Test]
    public void NotOwnMessage_NamesTheDeviceItsCreatorAndTheWayOut() =>
        HalfMadeDevices.NotOwnMessage(Device("FOREIGN-1234"), "this job's").Should().Be(
            "/dev/mapper/cr_mail_vda exists without a table and is not this job's: its device-mapper UUID is FOREIGN-1234. It is left alone; "
            + "remove it (dmsetup remove cr_mail_vda) once you know nothing needs it.");

    [Test]
    public void UnusableMapping_WithoutATable_SaysAnActivationWasInterrupted()
    {
        var exception = UnusableMappings.For(Device(Own), MappingDefect.NoTable, "Cannot query /dev/mapper/cr_mail_vda");

        exception.Message.Should().StartWith("Cannot query /dev/mapper/cr_mail_vda: /dev/mapper/cr_mail_vda exists without a table (its device-mapper UUID "
            + Own + " says libcryptsetup made it for the LUKS2 volume 11111769-36b6-465c-8d87-2d2e1d79e056): an activation was interrupted")
            .And.Contain("resume or roll back that job").And.Contain("dmsetup remove cr_mail_vda")
            .And.NotContain("kernel", "device-mapper itself works; only this device is half-made");
        (exception.MappingName, exception.Defect, exception.DeviceMapperUuid).Should().Be(("cr_mail_vda", MappingDefect.NoTable, Own));
    }

    [Test]
    public void UnusableMapping_Suspended_SaysHowToResumeIt()
    {
        var exception = UnusableMappings.For(Device("", suspended: true, liveTable: true), MappingDefect.Suspended, "Cannot close /dev/mapper/cr_mail_vda");

        exception.Message.Should().Be("Cannot close /dev/mapper/cr_mail_vda: /dev/mapper/cr_mail_vda is suspended, so every read and write on it waits. "
            + "Resume it (dmsetup resume cr_mail_vda) or close it, then try again.");
        exception.DeviceMapperUuid.Should().BeNull("the device has no UUID");
    }

    [Test]
    public void UnusableMapping_OfAnotherKind_SaysItIsNotDmCrypt() =>
        UnusableMappings.For(Device("", liveTable: true), MappingDefect.NotDmCrypt, "Cannot query /dev/mapper/cr_mail_vda").Message
            .Should().Be("Cannot query /dev/mapper/cr_mail_vda: /dev/mapper/cr_mail_vda is a device-mapper device of another kind, not a dm-crypt mapping; "
                + "it is left alone. Choose another name.");

    private static DmDevice Device(string uuid, bool liveTable = false, bool suspended = false) =>
        new("cr_mail_vda", uuid, liveTable, suspended, OpenCount: 0);
}
