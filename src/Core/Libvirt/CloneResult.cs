namespace VirtCrypt.Libvirt;

/// <summary>The rewritten definition and everything else the clone needs (see <see cref="Hypervisor.DefineClone"/>).</summary>
internal sealed record CloneResult
{
    /// <summary>The definition to define.</summary>
    public required DomainDefinition Definition { get; init; }

    /// <summary>How it was made.</summary>
    public required CloneMode Mode { get; init; }

    /// <summary>The new (or, when retargeting, kept) name.</summary>
    public required string Name { get; init; }

    /// <summary>The new (or kept) UUID.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The interfaces' MAC addresses, in interface order.</summary>
    public required IReadOnlyList<string> MacAddresses { get; init; }

    /// <summary>The disks that now point at the new block devices.</summary>
    public required IReadOnlyList<DiskMigration> MigratedDisks { get; init; }

    /// <summary>Targets of the disks left as they were (cdroms, read-only and shareable disks; in retarget mode any not moved).</summary>
    public required IReadOnlyList<string> UnchangedDisks { get; init; }

    /// <summary>The NVRAM file to copy before the clone is defined, or null.</summary>
    public FileCopyPlan? NvramCopy { get; init; }

    /// <summary>What happens to the emulated TPM's state.</summary>
    public required TpmStateHandling TpmState { get; init; }

    /// <summary>The swtpm state directory to copy, when <see cref="TpmState"/> is <see cref="TpmStateHandling.Copied"/>.</summary>
    public FileCopyPlan? TpmStateCopy { get; init; }

    /// <summary>
    /// Things the caller must tell the user: state the clone will not have, devices it shares with the source, disk
    /// settings defaulted or dropped on the new block devices.
    /// </summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
