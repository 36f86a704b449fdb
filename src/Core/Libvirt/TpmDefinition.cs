using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>A view over one <c>&lt;tpm&gt;</c> device of a <see cref="DomainDefinition"/>.</summary>
internal sealed class TpmDefinition
{
    internal TpmDefinition(XElement element) => Element = element;

    /// <summary>The TPM model, for example <c>tpm-tis</c> or <c>tpm-crb</c>.</summary>
    public string? Model => (string?)Element.Attribute("model");

    /// <summary>The backend: <c>emulator</c> (swtpm, state on the host keyed by the domain's UUID) or <c>passthrough</c> (the host's TPM).</summary>
    public string? BackendType => (string?)Element.Element("backend")?.Attribute("type");

    /// <summary>The emulated TPM version (<c>1.2</c> or <c>2.0</c>), or null.</summary>
    public string? BackendVersion => (string?)Element.Element("backend")?.Attribute("version");

    internal XElement Element { get; }
}
