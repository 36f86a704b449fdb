using VirtCrypt.Crypto;
using VirtCrypt.DeviceMapper;

namespace VirtCrypt.Tests.Unit.DeviceMapper;

/// <summary>The UUIDs below were read with dmsetup info from devices that cryptsetup 2.6.1 and LVM 2.03.16 made in the test host.</summary>
[TestFixture]
[Category("Unit")]
public class DmUuidsTests
{
    private const string VolumeGroupUuid = "3zn40D-yZop-7CoH-4yB3-IhNg-kndd-7wpTBc";
    private const string LogicalVolumeUuid = "aBO83R-heFK-xkoV-AYDS-czXE-cXZ7-zieVOO";
    private const string LvmDeviceUuid = "LVM-3zn40DyZop7CoH4yB3IhNgkndd7wpTBcaBO83RheFKxkoVAYDSczXEcXZ7zieVOO";
    private const string CryptDeviceUuid = "CRYPT-LUKS2-1111176936b6465c8d872d2e1d79e056-cr_test";
    private static readonly Guid LuksUuid = Guid.Parse("11111769-36b6-465c-8d87-2d2e1d79e056");

    [Test]
    public void OfCryptMapping_IsWhatLibcryptsetupSets() =>
        DmUuids.OfCryptMapping(LuksVersion.Luks2, LuksUuid, "cr_test").Should().Be(CryptDeviceUuid);

    [Test]
    public void OfCryptMapping_NamesTheLuksVersionAndTheName()
    {
        DmUuids.OfCryptMapping(LuksVersion.Luks1, LuksUuid, "cr_mail_vda").Should().Be("CRYPT-LUKS1-1111176936b6465c8d872d2e1d79e056-cr_mail_vda");
        DmUuids.OfCryptMapping(LuksVersion.Luks2, LuksUuid, "cr_other").Should().NotBe(CryptDeviceUuid);
    }

    [Test]
    public void OfLogicalVolume_IsWhatLvmSets() =>
        DmUuids.OfLogicalVolume(VolumeGroupUuid, LogicalVolumeUuid).Should().Be(LvmDeviceUuid);

    [TestCase(CryptDeviceUuid, "its device-mapper UUID " + CryptDeviceUuid + " says libcryptsetup made it for the LUKS2 volume 11111769-36b6-465c-8d87-2d2e1d79e056")]
    [TestCase(LvmDeviceUuid, "its device-mapper UUID " + LvmDeviceUuid + " says LVM made it for the logical volume " + LogicalVolumeUuid)]
    [TestCase(LvmDeviceUuid + "-real", "its device-mapper UUID " + LvmDeviceUuid + "-real says LVM made it for the logical volume " + LogicalVolumeUuid)]
    [TestCase("", "it has no device-mapper UUID")]
    [TestCase("FOREIGN-1234", "its device-mapper UUID is FOREIGN-1234")]
    [TestCase("CRYPT-LUKS2-not-hex-at-all-cr_test", "its device-mapper UUID is CRYPT-LUKS2-not-hex-at-all-cr_test")]
    [TestCase("LVM-tooshort", "its device-mapper UUID is LVM-tooshort")]
    public void Describe_SaysWhoMadeTheDevice(string uuid, string expected) =>
        DmUuids.Describe(uuid).Should().Be(expected);
}
