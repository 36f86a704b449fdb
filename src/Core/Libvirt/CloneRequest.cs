namespace VirtCrypt.Libvirt;

/// <summary>What <see cref="CloneRewriter"/> is asked to do with a source definition.</summary>
internal sealed record CloneRequest
{
    /// <summary>A new domain (<see cref="CloneMode.Clone"/>, the default) or the same domain on new disks.</summary>
    public CloneMode Mode { get; init; } = CloneMode.Clone;

    /// <summary>The disks to move and where to; every writable disk must be listed in <see cref="CloneMode.Clone"/> mode.</summary>
    public IReadOnlyList<DiskMigration> Disks { get; init; } = [];

    /// <summary>
    /// Whether the new disks pass the guest's discards (fstrim) through (<c>discard='unmap'</c>): true for every
    /// migrated disk, false for none; null (the default) keeps each source disk's own <c>discard</c> setting.
    /// </summary>
    public bool? AllowDiscard { get; init; }

    /// <summary>The clone's name; null picks <c>NAME-clone</c> (with a counter when taken).</summary>
    public string? NewName { get; init; }

    /// <summary>MAC addresses for the clone's interfaces, used in order; interfaces beyond the list get random ones.</summary>
    public IReadOnlyList<string> MacAddresses { get; init; } = [];

    /// <summary>Copy the UEFI variables to the clone's own NVRAM file (otherwise libvirt starts it from the template).</summary>
    public bool CopyNvram { get; init; } = true;

    /// <summary>Copy the swtpm state (keyed by UUID) to the clone; otherwise the result warns that the clone's TPM starts empty.</summary>
    public bool CopyTpmState { get; init; } = true;
}
