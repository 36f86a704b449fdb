using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>The error for a device that has a mapping's name but cannot serve as the mapping, per defect.</summary>
internal static class UnusableMappings
{
    internal static UnusableMappingException For(DmDevice device, MappingDefect defect, string what)
    {
        var path = MapperName.PathOf(device.Name);
        var problem = defect switch
        {
            MappingDefect.NoTable =>
                $"{path} exists without a table ({DmUuids.Describe(device.Uuid)}): an activation was interrupted before it finished. "
                + "If a VirtCrypt job was opening it, resume or roll back that job, which removes it when it is the job's; "
                + $"otherwise remove it (dmsetup remove {device.Name}) once you know nothing needs it.",
            MappingDefect.Suspended =>
                $"{path} is suspended, so every read and write on it waits. Resume it (dmsetup resume {device.Name}) or close it, then try again.",
            _ => $"{path} is a device-mapper device of another kind, not a dm-crypt mapping; it is left alone. Choose another name.",
        };
        return new UnusableMappingException($"{what}: {problem}", device.Name, defect, device.Uuid.Length == 0 ? null : device.Uuid);
    }
}
