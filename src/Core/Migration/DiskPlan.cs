using System.Text.Json.Serialization;
using VirtCrypt.Copy;

namespace VirtCrypt.Migration;

/// <summary>
/// What happens to one disk. Made only by the planner (or read back from a job's journal): a plan is executed as it was
/// made, so none of its values can be changed.
/// </summary>
public sealed record DiskPlan
{
    [JsonConstructor]
    internal DiskPlan(
        string target, string sourcePath, DiskFormat sourceFormat, string volumeGroup, string lvName, VolumeLayout layout, string mapperName, Guid luksUuid,
        bool allowDiscards)
    {
        Target = target;
        SourcePath = sourcePath;
        SourceFormat = sourceFormat;
        VolumeGroup = volumeGroup;
        LvName = lvName;
        Layout = layout;
        MapperName = mapperName;
        LuksUuid = luksUuid;
        AllowDiscards = allowDiscards;
    }

    /// <summary>The disk's target in the domain (<c>vda</c>).</summary>
    public string Target { get; }

    /// <summary>The source file or block device; opened read-only, never written.</summary>
    public string SourcePath { get; }

    /// <summary>Its format, from the domain XML, checked against the file's magic.</summary>
    public DiskFormat SourceFormat { get; }

    /// <summary>The volume group that receives the new logical volume.</summary>
    public string VolumeGroup { get; }

    /// <summary>The new logical volume's name.</summary>
    public string LvName { get; }

    /// <summary>Its device path, <c>/dev/VG/LV</c> (for display: the steps find the volume by name and job tag).</summary>
    public string LvPath => $"/dev/{VolumeGroup}/{LvName}";

    /// <summary>LV size, LUKS data offset and the size of the mapping.</summary>
    public VolumeLayout Layout { get; }

    /// <summary>The dm-crypt mapping's name.</summary>
    public string MapperName { get; }

    /// <summary>
    /// Whether the guest's discards pass through this disk's mapping (and its crypttab entry): the request's
    /// <see cref="MigrationRequest.AllowDiscards"/>, or the source disk's <c>discard='unmap'</c> when it made no choice.
    /// </summary>
    public bool AllowDiscards { get; }

    /// <summary>The mapping's device path, <c>/dev/mapper/NAME</c>: the new disk source in the domain.</summary>
    public string MapperPath => Crypto.MapperName.PathOf(MapperName);

    /// <summary>The UUID the new LUKS header gets; it identifies this job's volume on resume and rollback.</summary>
    public Guid LuksUuid { get; }
}
