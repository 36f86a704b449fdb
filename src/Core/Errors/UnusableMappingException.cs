namespace VirtCrypt.Errors;

/// <summary>
/// A device-mapper device of the mapping's name exists but is no usable mapping (<see cref="Defect"/> says why);
/// it was left as it was.
/// </summary>
internal sealed class UnusableMappingException : VirtCryptException
{
    /// <summary>Creates the exception for the device <paramref name="mappingName"/>.</summary>
    public UnusableMappingException(string message, string mappingName, MappingDefect defect, string? deviceMapperUuid)
        : base(message)
    {
        MappingName = mappingName;
        Defect = defect;
        DeviceMapperUuid = deviceMapperUuid;
    }

    /// <summary>The device-mapper name (<c>/dev/mapper/NAME</c>).</summary>
    public string MappingName { get; }

    /// <summary>What is wrong with it.</summary>
    public MappingDefect Defect { get; }

    /// <summary>Its device-mapper UUID, which names its creator (<c>CRYPT-LUKS2-...</c>, <c>LVM-...</c>); null when it has none.</summary>
    public string? DeviceMapperUuid { get; }
}
