using System.Xml.Linq;
using CsCheck;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Unit.Libvirt;

/// <summary>
/// What a disk's <c>&lt;driver&gt;</c> may hold, after libvirt's schema (<c>diskDriver</c> in domaincommon.rng of 9.0,
/// plus the later <c>discard_no_unref</c>, <c>&lt;iothreads&gt;</c> and <c>&lt;statistics&gt;</c>), and which of it
/// tunes an image format only (qcow2) and so no longer applies once the disk is a raw block device.
/// </summary>
internal static class DriverSchema
{
    internal static readonly (string Name, string[] Values)[] Attributes =
    [
        ("name", ["qemu"]),
        ("type", ["raw", "qcow2", "aio"]),
        ("cache", ["default", "none", "writeback", "writethrough", "directsync", "unsafe"]),
        ("error_policy", ["stop", "report", "ignore", "enospace"]),
        ("rerror_policy", ["stop", "report", "ignore"]),
        ("io", ["threads", "native", "io_uring"]),
        ("ioeventfd", ["on", "off"]),
        ("event_idx", ["on", "off"]),
        ("copy_on_read", ["on", "off"]),
        ("discard", ["unmap", "ignore"]),
        ("detect_zeroes", ["off", "on", "unmap"]),
        ("iothread", ["1", "2", "4"]),
        ("queues", ["1", "2", "8"]),
        ("queue_size", ["64", "256", "1024"]),
        ("iommu", ["on", "off"]),
        ("ats", ["on", "off"]),
        ("packed", ["on", "off"]),
        ("page_per_vq", ["on", "off"]),
        ("discard_no_unref", ["on", "off"]),
    ];

    internal static readonly XElement[] Children =
    [
        XElement.Parse("<metadata_cache><max_size unit='bytes'>1048576</max_size></metadata_cache>"),
        XElement.Parse("<iothreads><iothread id='1'><queue id='0'/><queue id='1'/></iothread><iothread id='2'/></iothreads>"),
        XElement.Parse("<statistics><statistic interval='10'/></statistics>"),
    ];

    private static readonly HashSet<string> FormatOnly = new(StringComparer.Ordinal) { "discard_no_unref", "metadata_cache" };

    /// <summary>Whether a driver attribute or child element still applies to a raw block device.</summary>
    internal static bool Applies(string name) => !FormatOnly.Contains(name);
}

/// <summary>A source disk with a random driver, drawn from a seed (CsCheck prints the seed of a failing case).</summary>
internal sealed record RandomDisk(
    string SourceType, bool HasDriver, IReadOnlyList<(string Name, string Value)> Attributes, IReadOnlyList<XElement> Children, bool? DiscardChoice)
{
    internal static Gen<RandomDisk> Generator { get; } = Gen.Int.Select(seed => From(new Random(seed)));

    internal string? Value(string name) => Attributes.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>A domain with a cdrom and this disk as <c>vdb</c>.</summary>
    internal DomainDefinition Definition()
    {
        var driver = HasDriver ? Driver() : null;
        var source = SourceType == "file" ? new XElement("source", new XAttribute("file", "/srv/vm/mail.img")) : new XElement("source", new XAttribute("dev", "/dev/vg0/mail"));
        var disk = new XElement("disk", new XAttribute("type", SourceType), new XAttribute("device", "disk"),
            driver, source, new XElement("target", new XAttribute("dev", "vdb"), new XAttribute("bus", "virtio")));
        return DomainDefinition.Parse(new XElement("domain", new XAttribute("type", "kvm"),
            new XElement("name", "mail"),
            new XElement("uuid", "6a2f6c1e-3b8d-4f2a-9c57-1d0e8b4a7f21"),
            new XElement("devices",
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "cdrom"),
                    new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "sata")), new XElement("readonly")),
                disk)).ToString());
    }

    public override string ToString() =>
        $"{SourceType} disk, discards {(DiscardChoice is { } c ? c.ToString() : "as the source")}, driver: " +
        (HasDriver ? Driver().ToString(SaveOptions.DisableFormatting) : "none");

    /// <summary>
    /// A new driver element with copies of the children: the children are DriverSchema's shared elements, and adding one
    /// without a parent would adopt it (CsCheck samples on several threads, so that raced and once threw).
    /// </summary>
    private XElement Driver() => new("driver", Attributes.Select(a => new XAttribute(a.Name, a.Value)), Children.Select(c => new XElement(c)));

    private static RandomDisk From(Random random)
    {
        var hasDriver = random.Next(10) > 0;
        var attributes = DriverSchema.Attributes.Where(_ => hasDriver && random.Next(3) == 0)
            .Select(a => (a.Name, a.Values[random.Next(a.Values.Length)]))
            .OrderBy(_ => random.Next())
            .ToList();
        var children = DriverSchema.Children.Where(_ => hasDriver && random.Next(3) == 0).ToList();
        bool?[] choices = [null, true, false];
        return new RandomDisk(random.Next(2) == 0 ? "file" : "block", hasDriver, attributes, children, choices[random.Next(3)]);
    }
}
