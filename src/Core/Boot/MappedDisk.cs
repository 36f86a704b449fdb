using VirtCrypt.Crypto;
using VirtCrypt.Migration;

namespace VirtCrypt.Boot;

/// <summary>
/// A disk of a domain whose source is <c>/dev/mapper/NAME</c>: the migration job that created that mapping for this
/// domain (by name and UUID), if one did, and the mapping as the kernel has it now.
/// </summary>
/// <param name="Domain">The domain's name.</param>
/// <param name="MapperName">The mapping's name.</param>
/// <param name="Creator">The job that created the mapping for the domain (newest first), with that disk's plan; null when none did.</param>
/// <param name="Mapping">The open mapping; null when it is closed (or this kernel has no device-mapper).</param>
/// <param name="MappingLuksUuid">The UUID of the LUKS header under the open mapping; null when closed or not on LUKS.</param>
internal sealed record MappedDisk(
    string Domain, string MapperName, (string JobId, DiskPlan Disk)? Creator, MappedDevice? Mapping, Guid? MappingLuksUuid)
{
    /// <summary>The mapping's device path.</summary>
    internal string MapperPath => Crypto.MapperName.PathOf(MapperName);

    /// <summary>Whether the mapping is open on the LUKS volume its job formatted (the header carries the job's UUID).</summary>
    internal bool IsOpenOnTheJobsVolume => Mapping is not null && Creator is { Disk: var disk } && MappingLuksUuid == disk.LuksUuid;
}
