namespace VirtCrypt.Libvirt;

/// <summary>
/// How <see cref="Domain.StartBlockCopy"/> mirrors a disk onto an existing raw block device (a dm-crypt mapping).
/// The destination is reused as it is (libvirt never creates or formats it) and receives the whole disk, its backing
/// chain flattened.
/// </summary>
internal sealed record BlockCopyOptions
{
    /// <summary>The destination block device, for example <c>/dev/mapper/cr_mail_vda</c>; at least as large as the disk.</summary>
    public required string DestinationDevice { get; init; }

    /// <summary>The copy's speed limit in bytes per second while it catches up; null for none.</summary>
    public long? BandwidthBytesPerSecond { get; init; }

    /// <summary>The granularity in bytes at which dirty blocks are tracked (a power of two); null for the hypervisor's default.</summary>
    public uint? GranularityBytes { get; init; }

    /// <summary>How many bytes may be in flight between source and destination; null for the hypervisor's default.</summary>
    public long? BufferBytes { get; init; }

    /// <summary>
    /// Once mirroring, write every guest write to both sides before completing it, so the copy converges under any
    /// write load (libvirt 8.0.0 and later; refused by older ones).
    /// </summary>
    public bool SynchronousWrites { get; init; }
}
