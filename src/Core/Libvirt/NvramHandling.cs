namespace VirtCrypt.Libvirt;

/// <summary>What <see cref="Domain.Undefine(NvramHandling)"/> does with the domain's UEFI variable store.</summary>
internal enum NvramHandling
{
    /// <summary>Keep the NVRAM file.</summary>
    Keep,

    /// <summary>Delete the NVRAM file with the definition.</summary>
    Remove,
}
