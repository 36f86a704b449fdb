namespace VirtCrypt.Libvirt;

/// <summary>A domain lifecycle event delivered by libvirt (see <see cref="Hypervisor.DomainLifecycle"/>).</summary>
internal sealed class DomainLifecycleEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public DomainLifecycleEventArgs(string domainName, Guid domainUuid, DomainLifecycleEventKind kind, int detail)
    {
        DomainName = domainName;
        DomainUuid = domainUuid;
        Kind = kind;
        Detail = detail;
    }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>What happened.</summary>
    public DomainLifecycleEventKind Kind { get; }

    /// <summary>libvirt's detail code for <see cref="Kind"/> (for example, for Stopped: 0 shutdown, 1 destroyed, 2 crashed).</summary>
    public int Detail { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{DomainName}: {Kind} ({Detail})";
}
