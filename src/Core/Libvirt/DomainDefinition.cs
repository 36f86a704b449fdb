using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>
/// A typed view over a libvirt domain XML document. Properties read and write the tree in place; every element,
/// attribute, comment and namespace the view does not model is kept exactly as it was, so
/// <see cref="ToXml"/> of an unedited definition is the document that was parsed.
/// </summary>
public sealed class DomainDefinition
{
    private readonly XDocument document;

    private DomainDefinition(XDocument document) => this.document = document;

    /// <summary>The <c>&lt;domain&gt;</c> element, for parts of the definition this view does not model.</summary>
    public XElement Root => document.Root!;

    /// <summary>The hypervisor type (<c>&lt;domain type&gt;</c>), for example <c>kvm</c>, <c>qemu</c> or <c>test</c>.</summary>
    public string? HypervisorType => (string?)Root.Attribute("type");

    /// <summary>The domain's name (<c>&lt;name&gt;</c>).</summary>
    public string Name
    {
        get => Root.Element("name")?.Value ?? "";
        set => SetChildValue(Root, "name", value, after: null);
    }

    /// <summary>The domain's UUID (<c>&lt;uuid&gt;</c>), or null when the definition leaves it to libvirt.</summary>
    public Guid? Uuid
    {
        get => Root.Element("uuid") is { } uuid ? Guid.Parse(uuid.Value.Trim()) : null;
        set => SetOrRemoveChild(Root, "uuid", value?.ToString("D"), after: "name");
    }

    /// <summary>The running domain's id (<c>&lt;domain id&gt;</c>); null for an inactive definition.</summary>
    public int? Id
    {
        get => (int?)Root.Attribute("id");
        set => XmlEdit.SetAttribute(Root, "id", value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The short description (<c>&lt;title&gt;</c>), or null.</summary>
    public string? Title
    {
        get => Root.Element("title")?.Value;
        set => SetOrRemoveChild(Root, "title", value, after: "uuid");
    }

    /// <summary>The UEFI variable store (<c>&lt;os&gt;&lt;nvram&gt;</c>), or null when the domain has none.</summary>
    public string? NvramPath
    {
        get => Nvram switch
        {
            null => null,
            { } nvram when nvram.Element("source") is { } source => (string?)source.Attribute("file"),
            { } nvram => nvram.Value.Trim() is { Length: > 0 } path ? path : null,
        };
        set
        {
            if (Nvram is { } nvram && nvram.Element("source") is { } source)
            {
                XmlEdit.SetAttribute(source, "file", value);
            }
            else if (Nvram is { } plain)
            {
                plain.Value = value ?? "";
            }
            else if (value is not null && Root.Element("os") is { } os)
            {
                XmlEdit.Append(os, new XElement("nvram", value));
            }
        }
    }

    /// <summary>The SMBIOS system UUID (<c>&lt;sysinfo&gt;&lt;system&gt;&lt;entry name='uuid'&gt;</c>), or null.</summary>
    public Guid? SysinfoSystemUuid
    {
        get => SysinfoUuidEntry is { } entry ? Guid.Parse(entry.Value.Trim()) : null;
        set
        {
            if (SysinfoUuidEntry is { } entry && value is { } uuid)
            {
                entry.Value = uuid.ToString("D");
            }
        }
    }

    /// <summary>Every <c>&lt;disk&gt;</c>, in document order.</summary>
    internal IReadOnlyList<DiskDefinition> Disks => Devices("disk").Select(e => new DiskDefinition(e)).ToList();

    /// <summary>Every <c>&lt;interface&gt;</c>, in document order.</summary>
    internal IReadOnlyList<InterfaceDefinition> Interfaces => Devices("interface").Select(e => new InterfaceDefinition(e)).ToList();

    /// <summary>Every <c>&lt;graphics&gt;</c> device.</summary>
    internal IReadOnlyList<GraphicsDefinition> Graphics => Devices("graphics").Select(e => new GraphicsDefinition(e)).ToList();

    /// <summary>Every <c>&lt;serial&gt;</c>, <c>&lt;console&gt;</c> and <c>&lt;channel&gt;</c>, in document order.</summary>
    internal IReadOnlyList<CharDeviceDefinition> CharDevices =>
        Devices("serial", "console", "channel").Select(e => new CharDeviceDefinition(e)).ToList();

    /// <summary>Every <c>&lt;tpm&gt;</c> device.</summary>
    internal IReadOnlyList<TpmDefinition> Tpms => Devices("tpm").Select(e => new TpmDefinition(e)).ToList();

    private XElement? Nvram => Root.Element("os")?.Element("nvram");

    private XElement? SysinfoUuidEntry => Root.Elements("sysinfo")
        .Where(s => (string?)s.Attribute("type") is null or "smbios")
        .Elements("system").Elements("entry")
        .FirstOrDefault(e => (string?)e.Attribute("name") == "uuid");

    /// <summary>Parses a domain definition as libvirt writes it (<c>virsh dumpxml</c>, <c>virDomainGetXMLDesc</c>).</summary>
    /// <exception cref="ArgumentException">The text is not well-formed XML or its root is not <c>&lt;domain&gt;</c>.</exception>
    public static DomainDefinition Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new ArgumentException($"The domain XML is not well-formed: {e.Message}", nameof(xml), e);
        }

        if (document.Root?.Name != "domain")
        {
            throw new ArgumentException(
                $"This is not a libvirt domain definition: its root element is <{document.Root?.Name}>, not <domain>.", nameof(xml));
        }

        return new DomainDefinition(document);
    }

    /// <summary>An independent copy: edits of one never show in the other.</summary>
    public DomainDefinition Copy() => new(new XDocument(document));

    /// <summary>The XML text, with the original formatting kept.</summary>
    public string ToXml() => document.ToString(SaveOptions.DisableFormatting);

    /// <inheritdoc/>
    public override string ToString() => ToXml();

    private static void SetChildValue(XElement parent, string name, string value, string? after)
    {
        if (parent.Element(name) is { } existing)
        {
            existing.Value = value;
        }
        else if (after is not null && parent.Element(after) is { } anchor)
        {
            XmlEdit.InsertAfter(anchor, new XElement(name, value));
        }
        else
        {
            XmlEdit.Prepend(parent, new XElement(name, value));
        }
    }

    private static void SetOrRemoveChild(XElement parent, string name, string? value, string? after)
    {
        if (value is not null)
        {
            SetChildValue(parent, name, value, after);
        }
        else if (parent.Element(name) is { } existing)
        {
            XmlEdit.Remove(existing);
        }
    }

    private IEnumerable<XElement> Devices(params string[] names) =>
        Root.Elements("devices").Elements().Where(e => names.Contains(e.Name.LocalName) && e.Name.Namespace == XNamespace.None);
}
