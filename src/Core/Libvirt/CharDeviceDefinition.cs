using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>A view over one character device — <c>&lt;serial&gt;</c>, <c>&lt;console&gt;</c> or <c>&lt;channel&gt;</c> — of a <see cref="DomainDefinition"/>.</summary>
internal sealed class CharDeviceDefinition
{
    internal CharDeviceDefinition(XElement element) => Element = element;

    /// <summary>Which device this is: <c>serial</c>, <c>console</c> or <c>channel</c>.</summary>
    public string Kind => Element.Name.LocalName;

    /// <summary>The host side (<c>type</c>): <c>pty</c>, <c>file</c>, <c>unix</c>, <c>tcp</c>...</summary>
    public string? Type => (string?)Element.Attribute("type");

    /// <summary>The host path (<c>&lt;source path&gt;</c>) of a file or unix socket, or null.</summary>
    public string? SourcePath
    {
        get => (string?)Element.Element("source")?.Attribute("path");
        internal set => Element.Element("source")?.SetAttributeValue("path", value);
    }

    /// <summary>For a unix socket, <c>bind</c> (the guest side listens; libvirt may name it) or <c>connect</c>.</summary>
    public string? SourceMode => (string?)Element.Element("source")?.Attribute("mode");

    /// <summary>The guest-side name of a virtio channel (<c>&lt;target name&gt;</c>), for example <c>org.qemu.guest_agent.0</c>.</summary>
    public string? TargetName => (string?)Element.Element("target")?.Attribute("name");

    /// <summary>The file the device's output is also logged to (<c>&lt;log file&gt;</c>), or null.</summary>
    public string? LogFile
    {
        get => (string?)Element.Element("log")?.Attribute("file");
        internal set => Element.Element("log")?.SetAttributeValue("file", value);
    }

    internal XElement Element { get; }
}
