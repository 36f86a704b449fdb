using VirtCrypt.Copy;

namespace VirtCrypt.Migration;

/// <summary>What happens to one disk.</summary>
/// <param name="Target">The disk's target in the domain (<c>vda</c>).</param>
/// <param name="SourcePath">The source file or block device; opened read-only, never written.</param>
/// <param name="SourceFormat">Its format, from the domain XML, checked against the file's magic.</param>
/// <param name="LvName">The new logical volume's name.</param>
/// <param name="LvPath">Its device path, <c>/dev/VG/LV</c>.</param>
/// <param name="Layout">LV size, LUKS data offset and the size of the mapping.</param>
/// <param name="MapperName">The dm-crypt mapping's name.</param>
/// <param name="LuksUuid">The UUID the new LUKS header gets; it identifies this job's volume on resume and rollback.</param>
public sealed record DiskPlan(
    string Target,
    string SourcePath,
    DiskFormat SourceFormat,
    string LvName,
    string LvPath,
    VolumeLayout Layout,
    string MapperName,
    Guid LuksUuid)
{
    /// <summary>
    /// Whether the guest's discards pass through this disk's mapping (and its crypttab entry): the request's
    /// <see cref="MigrationRequest.AllowDiscards"/>, or the source disk's <c>discard='unmap'</c> when it made no choice.
    /// </summary>
    public bool AllowDiscards { get; init; }

    /// <summary>The mapping's device path, <c>/dev/mapper/NAME</c>: the new disk source in the domain.</summary>
    public string MapperPath => "/dev/mapper/" + MapperName;
}
