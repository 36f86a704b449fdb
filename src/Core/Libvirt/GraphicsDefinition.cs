using System.Globalization;
using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>A view over one <c>&lt;graphics&gt;</c> device (VNC, SPICE...) of a <see cref="DomainDefinition"/>.</summary>
internal sealed class GraphicsDefinition
{
    internal GraphicsDefinition(XElement element) => Element = element;

    /// <summary>The graphics type: <c>vnc</c>, <c>spice</c>, <c>sdl</c>...</summary>
    public string? Type => (string?)Element.Attribute("type");

    /// <summary>The fixed TCP port, or null when libvirt allocates one (<c>autoport</c>).</summary>
    public int? Port => FixedPort("port");

    /// <summary>The fixed TLS port (SPICE), or null.</summary>
    public int? TlsPort => FixedPort("tlsPort");

    /// <summary>The fixed websocket port (VNC), or null.</summary>
    public int? WebSocketPort => FixedPort("websocket");

    /// <summary>True when libvirt picks the ports (<c>autoport='yes'</c> or no fixed port).</summary>
    public bool AutoPort => (string?)Element.Attribute("autoport") == "yes" || (Port is null && TlsPort is null);

    internal XElement Element { get; }

    /// <summary>Replaces every fixed port with one libvirt allocates at start.</summary>
    internal void UseAutoPort()
    {
        Element.SetAttributeValue("port", null);
        Element.SetAttributeValue("tlsPort", null);
        if (WebSocketPort is not null)
        {
            Element.SetAttributeValue("websocket", "-1");
        }

        Element.SetAttributeValue("autoport", "yes");
    }

    private int? FixedPort(string attribute) =>
        Element.Attribute(attribute) is { } value && int.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port > 0
            ? port
            : null;
}
