using System.Globalization;
using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>A view over one <c>&lt;disk&gt;</c> of a <see cref="DomainDefinition"/>.</summary>
internal sealed class DiskDefinition
{
    internal DiskDefinition(XElement element) => Element = element;

    /// <summary>How the disk is backed (<c>&lt;disk type&gt;</c>): <c>file</c> (libvirt's default), <c>block</c>, <c>network</c>, <c>volume</c>, <c>dir</c>...</summary>
    public string SourceType => (string?)Element.Attribute("type") ?? "file";

    /// <summary>What the guest sees (<c>&lt;disk device&gt;</c>): <c>disk</c> (the default), <c>cdrom</c>, <c>floppy</c> or <c>lun</c>.</summary>
    public string Device => (string?)Element.Attribute("device") ?? "disk";

    /// <summary>The guest device name (<c>&lt;target dev&gt;</c>), for example <c>vda</c>; it identifies the disk.</summary>
    public string? Target => (string?)Element.Element("target")?.Attribute("dev");

    /// <summary>The guest bus (<c>&lt;target bus&gt;</c>), for example <c>virtio</c>, <c>sata</c>, <c>scsi</c>.</summary>
    public string? Bus => (string?)Element.Element("target")?.Attribute("bus");

    /// <summary>The host path of a file, block device or directory source; null for network and volume disks and empty drives.</summary>
    public string? SourcePath => SourceType switch
    {
        "file" => (string?)Source?.Attribute("file"),
        "block" => (string?)Source?.Attribute("dev"),
        "dir" => (string?)Source?.Attribute("dir"),
        _ => null,
    };

    /// <summary>The protocol of a network disk (<c>rbd</c>, <c>iscsi</c>, <c>nbd</c>, <c>gluster</c>...), otherwise null.</summary>
    public string? NetworkProtocol => SourceType == "network" ? (string?)Source?.Attribute("protocol") : null;

    /// <summary>The image format (<c>&lt;driver type&gt;</c>), for example <c>raw</c> or <c>qcow2</c>; null when not stated.</summary>
    public string? Format => (string?)Element.Element("driver")?.Attribute("type");

    /// <summary>
    /// Whether the guest's discards (TRIM) reach the storage (<c>&lt;driver discard&gt;</c>): <c>unmap</c> passes them,
    /// <c>ignore</c> drops them; null when not stated (QEMU then drops them).
    /// </summary>
    public string? Discard => (string?)Element.Element("driver")?.Attribute("discard");

    /// <summary>True when the guest sees the disk read-only (<c>&lt;readonly/&gt;</c>).</summary>
    public bool IsReadOnly => Element.Element("readonly") is not null;

    /// <summary>True when the disk may be shared with other guests (<c>&lt;shareable/&gt;</c>).</summary>
    public bool IsShareable => Element.Element("shareable") is not null;

    /// <summary>True when the disk has any source at all (an empty cdrom drive has none).</summary>
    public bool HasSource => Source is { } source && source.HasAttributes;

    /// <summary>The per-device boot order (<c>&lt;boot order&gt;</c>), or null.</summary>
    public int? BootOrder => Element.Element("boot")?.Attribute("order") is { } order
        ? int.Parse(order.Value, CultureInfo.InvariantCulture)
        : null;

    /// <summary>
    /// The live XML of a disk being copied (<c>&lt;mirror&gt;</c>): the copy's destination path; null when no copy
    /// runs or the destination is not a file or block device.
    /// </summary>
    public string? MirrorPath => Element.Element("mirror") is { } mirror
        ? (string?)mirror.Element("source")?.Attribute("dev") ?? (string?)mirror.Element("source")?.Attribute("file") ?? (string?)mirror.Attribute("file")
        : null;

    /// <summary>True when libvirt marks the copy of the disk ready to pivot (<c>&lt;mirror ready='yes'&gt;</c> in the live XML).</summary>
    public bool IsMirrorReady => (string?)Element.Element("mirror")?.Attribute("ready") == "yes";

    /// <summary>
    /// True when the live XML shows a backing chain under the disk's image (<c>&lt;backingStore&gt;</c> with a source):
    /// a full copy flattens it. The persistent XML usually leaves the chain out.
    /// </summary>
    public bool HasBackingChain => Element.Element("backingStore")?.Element("source") is not null;

    internal XElement Element { get; }

    private XElement? Source => Element.Element("source");

    /// <summary>
    /// Points the disk at a raw block device (a dm-crypt mapping): <c>type='block' device='disk'</c>, no backing
    /// chain, and the source's driver settings that apply to a raw block device (see <see cref="BlockDeviceDriver"/>).
    /// Target, address, boot order and the rest stay.
    /// </summary>
    /// <returns>Notes naming the disk for every driver setting defaulted or dropped.</returns>
    internal List<string> ReplaceWithBlockDevice(string devicePath, bool allowDiscards)
    {
        Element.SetAttributeValue("type", "block");
        Element.SetAttributeValue("device", "disk");
        foreach (var backingStore in Element.Elements("backingStore").ToList())
        {
            XmlEdit.Remove(backingStore);
        }

        var notes = BlockDeviceDriver.Rewrite(this, allowDiscards);
        var source = new XElement("source", new XAttribute("dev", devicePath));
        if (Source is { } old)
        {
            old.ReplaceWith(source);
        }
        else
        {
            XmlEdit.InsertAfter(Element.Element("driver")!, source);
        }

        return notes;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Target} ({Device}, {SourceType}: {SourcePath ?? NetworkProtocol ?? "no source"})";
}
