namespace VirtCrypt.Libvirt;

/// <summary>What <see cref="CloneRewriter"/> produces.</summary>
internal enum CloneMode
{
    /// <summary>A new domain beside the source: new name, UUID and MAC addresses, its own NVRAM and TPM state.</summary>
    Clone,

    /// <summary>
    /// The same domain moved onto new disks: name, UUID and MAC addresses stay (the guest keeps its identity and its
    /// NIC names); only the migrated disks change.
    /// </summary>
    Retarget,
}
