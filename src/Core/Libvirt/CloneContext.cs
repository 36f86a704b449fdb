namespace VirtCrypt.Libvirt;

/// <summary>What the rewriter must know about the host besides the source definition (see <see cref="Hypervisor.GetCloneContext"/>).</summary>
internal sealed record CloneContext
{
    /// <summary>libvirt's default directory of swtpm state, one sub-directory per domain UUID.</summary>
    public const string DefaultSwtpmStateDirectory = "/var/lib/libvirt/swtpm";

    /// <summary>Names of every domain on the connection.</summary>
    public IReadOnlySet<string> ExistingNames { get; init; } = new HashSet<string>();

    /// <summary>MAC addresses of every interface of every domain on the connection, in lower case.</summary>
    public IReadOnlySet<string> ExistingMacAddresses { get; init; } = new HashSet<string>();

    /// <summary>False when the source domain is transient (running without a persistent definition).</summary>
    public bool SourceIsPersistent { get; init; } = true;

    /// <summary>Where swtpm keeps each domain's TPM state.</summary>
    public string SwtpmStateDirectory { get; init; } = DefaultSwtpmStateDirectory;
}
