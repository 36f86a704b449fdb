using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>A view over one <c>&lt;interface&gt;</c> (network card) of a <see cref="DomainDefinition"/>.</summary>
internal sealed class InterfaceDefinition
{
    internal InterfaceDefinition(XElement element) => Element = element;

    /// <summary>The interface type: <c>network</c>, <c>bridge</c>, <c>user</c>, <c>direct</c>...</summary>
    public string? Type => (string?)Element.Attribute("type");

    /// <summary>The guest's MAC address (<c>&lt;mac address&gt;</c>) in lower case, or null when libvirt is to choose one.</summary>
    public string? MacAddress
    {
        get => ((string?)Element.Element("mac")?.Attribute("address"))?.ToLowerInvariant();
        set
        {
            if (Element.Element("mac") is { } mac)
            {
                if (value is null)
                {
                    XmlEdit.Remove(mac);
                }
                else
                {
                    mac.SetAttributeValue("address", value);
                }
            }
            else if (value is not null)
            {
                XmlEdit.Prepend(Element, new XElement("mac", new XAttribute("address", value)));
            }
        }
    }

    /// <summary>The host-side device name (<c>&lt;target dev&gt;</c>, for example <c>vnet3</c>), or null.</summary>
    public string? TargetDevice => (string?)Element.Element("target")?.Attribute("dev");

    /// <summary>The emulated NIC model (<c>&lt;model type&gt;</c>), for example <c>virtio</c>.</summary>
    public string? Model => (string?)Element.Element("model")?.Attribute("type");

    internal XElement Element { get; }

    /// <summary>Drops <c>&lt;target dev&gt;</c> so the host picks a free device name.</summary>
    internal void RemoveTargetDevice()
    {
        if (Element.Element("target") is not { } target)
        {
            return;
        }

        target.SetAttributeValue("dev", null);
        if (!target.HasAttributes && !target.HasElements)
        {
            XmlEdit.Remove(target);
        }
    }
}
