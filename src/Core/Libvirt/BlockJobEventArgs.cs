namespace VirtCrypt.Libvirt;

/// <summary>A block job event delivered by libvirt (see <see cref="Hypervisor.BlockJob"/>).</summary>
internal sealed class BlockJobEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public BlockJobEventArgs(string domainName, Guid domainUuid, string disk, BlockJobType type, BlockJobStatus status)
    {
        DomainName = domainName;
        DomainUuid = domainUuid;
        Disk = disk;
        Type = type;
        Status = status;
    }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The disk's target (<c>vda</c>), which stays the same across a pivot.</summary>
    public string Disk { get; }

    /// <summary>The kind of job.</summary>
    public BlockJobType Type { get; }

    /// <summary>What happened to it.</summary>
    public BlockJobStatus Status { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{DomainName} {Disk}: {Type} {Status}";
}
