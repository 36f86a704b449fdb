using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>
/// The <c>&lt;driver&gt;</c> of a disk moved onto a raw block device (a dm-crypt mapping). What the administrator set
/// and still applies to a raw block device stays: error policies, io, ioeventfd, event_idx, copy_on_read, discard,
/// detect_zeroes, iothread, queues, queue_size, the virtio options and child elements such as <c>&lt;iothreads&gt;</c>.
/// The format becomes raw; what only tunes an image format goes; cache and io get the block-device defaults
/// (<c>cache='none' io='native'</c>) only where the source sets none. Every default and every dropped setting is
/// told in a note naming the disk.
/// </summary>
internal static class BlockDeviceDriver
{
    internal const string DefaultCache = "none";

    internal const string DefaultIo = "native";

    /// <summary>Driver attributes that tune an image format only, with the reason they go.</summary>
    private static readonly Dictionary<string, string> FormatOnlyAttributes = new(StringComparer.Ordinal)
    {
        ["discard_no_unref"] = "it keeps qcow2 clusters allocated when the guest discards",
    };

    /// <summary>Driver child elements that tune an image format only, with the reason they go.</summary>
    private static readonly Dictionary<string, string> FormatOnlyElements = new(StringComparer.Ordinal)
    {
        ["metadata_cache"] = "it sizes qcow2's metadata cache",
    };

    /// <summary>The cache modes that open the device with O_DIRECT, which QEMU requires for <c>io='native'</c>.</summary>
    private static readonly HashSet<string> DirectCacheModes = new(StringComparer.Ordinal) { "none", "directsync" };

    /// <summary>
    /// Whether the new disk passes the guest's discards through: <paramref name="choice"/> when the administrator
    /// made one, otherwise what the source disk does (<c>discard='unmap'</c>).
    /// </summary>
    internal static bool AllowsDiscards(DiskDefinition source, bool? choice) => choice ?? source.Discard == "unmap";

    /// <summary>Rewrites the driver of <paramref name="disk"/> (creating one when it has none); returns the notes.</summary>
    internal static List<string> Rewrite(DiskDefinition disk, bool allowDiscards)
    {
        var driver = disk.Element.Element("driver");
        if (driver is null)
        {
            driver = new XElement("driver");
            XmlEdit.Prepend(disk.Element, driver);
        }

        var notes = new List<string>();
        driver.SetAttributeValue("name", (string?)driver.Attribute("name") ?? "qemu");
        driver.SetAttributeValue("type", "raw");
        foreach (var attribute in driver.Attributes().Where(a => FormatOnlyAttributes.ContainsKey(a.Name.LocalName)).ToList())
        {
            notes.Add($"{disk.Target}: <driver {attribute.Name.LocalName}='{attribute.Value}'> is dropped: {FormatOnlyAttributes[attribute.Name.LocalName]}, and the encrypted disk is a raw block device.");
            attribute.Remove();
        }

        foreach (var element in driver.Elements().Where(e => FormatOnlyElements.ContainsKey(e.Name.LocalName)).ToList())
        {
            notes.Add($"{disk.Target}: <driver><{element.Name.LocalName}> is dropped: {FormatOnlyElements[element.Name.LocalName]}, and the encrypted disk is a raw block device.");
            XmlEdit.Remove(element);
        }

        if (!driver.Elements().Any())
        {
            // Only the indentation of removed children is left: write <driver .../> again.
            driver.Nodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList().ForEach(t => t.Remove());
        }

        DefaultCacheAndIo(disk.Target, driver, notes);
        var discard = (string?)driver.Attribute("discard");
        driver.SetAttributeValue("discard", allowDiscards ? "unmap" : discard == "unmap" ? null : discard);
        return notes;
    }

    private static void DefaultCacheAndIo(string? target, XElement driver, List<string> notes)
    {
        var defaulted = new List<string>();
        var cache = (string?)driver.Attribute("cache");
        if (cache is null)
        {
            cache = DefaultCache;
            driver.SetAttributeValue("cache", cache);
            defaulted.Add($"cache='{DefaultCache}'");
        }

        if (driver.Attribute("io") is null)
        {
            if (DirectCacheModes.Contains(cache))
            {
                driver.SetAttributeValue("io", DefaultIo);
                defaulted.Add($"io='{DefaultIo}'");
            }
            else
            {
                notes.Add($"{target}: io is left to the hypervisor's default: io='{DefaultIo}' needs cache='none' or 'directsync', and the source disk sets cache='{cache}'.");
            }
        }

        if (defaulted.Count > 0)
        {
            notes.Add($"{target}: the source disk sets no {string.Join(" or ", defaulted.Select(d => d[..d.IndexOf('=', StringComparison.Ordinal)]))} mode, so the encrypted disk gets {string.Join(" ", defaulted)}, the usual choice for a block device (the guest does its own caching).");
        }
    }
}
