using System.Text.RegularExpressions;

namespace VirtCrypt.DeviceMapper;

/// <summary>
/// The device-mapper UUIDs that libcryptsetup and LVM give the devices they create. The kernel refuses a second
/// device with the same UUID, and the UUID is set in the very ioctl that creates the device, so even a device left
/// without a table names its creator.
/// </summary>
internal static partial class DmUuids
{
    /// <summary>libcryptsetup's (lib/libdevmapper.c, dm_prepare_uuid): <c>CRYPT-LUKS2-&lt;LUKS UUID without dashes&gt;-&lt;name&gt;</c>.</summary>
    internal static string OfCryptMapping(Crypto.LuksVersion version, Guid luksUuid, string name) =>
        $"CRYPT-LUKS{(int)version}-{luksUuid:N}-{name}";

    /// <summary>LVM's (lib/activate/dev_manager.c, build_dm_uuid): <c>LVM-&lt;VG UUID&gt;&lt;LV UUID&gt;</c>, both without dashes.</summary>
    internal static string OfLogicalVolume(string volumeGroupUuid, string logicalVolumeUuid) =>
        "LVM-" + volumeGroupUuid.Replace("-", "", StringComparison.Ordinal) + logicalVolumeUuid.Replace("-", "", StringComparison.Ordinal);

    /// <summary>Who made a device with this UUID, in words for a message.</summary>
    internal static string Describe(string uuid)
    {
        if (uuid.Length == 0)
        {
            return "it has no device-mapper UUID";
        }

        if (CryptPattern().Match(uuid) is { Success: true } crypt)
        {
            return $"its device-mapper UUID {uuid} says libcryptsetup made it for the {crypt.Groups["type"].Value} volume "
                + $"{Guid.ParseExact(crypt.Groups["luks"].Value, "N"):D}";
        }

        return LvmPattern().Match(uuid) is { Success: true } lvm
            ? $"its device-mapper UUID {uuid} says LVM made it for the logical volume {LvmId(lvm.Groups["lv"].Value)}"
            : $"its device-mapper UUID is {uuid}";
    }

    /// <summary>An LVM id as LVM prints it: 6-4-4-4-4-4-6 characters.</summary>
    private static string LvmId(string id) =>
        string.Join('-', id[..6], id[6..10], id[10..14], id[14..18], id[18..22], id[22..26], id[26..]);

    [GeneratedRegex(@"\ACRYPT-(?<type>LUKS[12])-(?<luks>[0-9a-f]{32})-.+\z")]
    private static partial Regex CryptPattern();

    /// <summary>LVM ids use the characters 0-9 a-z A-Z ! # (lib/uuid/uuid.c); a layer device adds a suffix.</summary>
    [GeneratedRegex(@"\ALVM-[0-9A-Za-z!#]{32}(?<lv>[0-9A-Za-z!#]{32})(-.*)?\z")]
    private static partial Regex LvmPattern();
}
