using VirtCrypt.Crypto;

namespace VirtCrypt.Migration;

/// <summary>What to migrate, where, and how. Holds no secret: the passphrase is given to the run itself.</summary>
public sealed record MigrationRequest
{
    /// <summary>The domain to migrate.</summary>
    public required string Domain { get; init; }

    /// <summary>The volume group that receives one new logical volume per migrated disk.</summary>
    public required string VolumeGroup { get; init; }

    /// <summary><see cref="MigrationMode.Clone"/> by default.</summary>
    public MigrationMode Mode { get; init; } = MigrationMode.Clone;

    /// <summary>The disk targets to migrate (<c>vda</c>, ...); empty means every writable disk.</summary>
    public IReadOnlyList<string> Disks { get; init; } = [];

    /// <summary>Clone mode: the new domain's name; null means <c>NAME-clone</c> (with a counter if taken).</summary>
    public string? NewName { get; init; }

    /// <summary>
    /// Mapper names by disk target; a disk not listed gets <c>cr_&lt;domain&gt;_&lt;target&gt;</c> (the new domain's
    /// name in Clone mode).
    /// </summary>
    public IReadOnlyDictionary<string, string> MapperNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Clone mode: MAC addresses for the new domain's interfaces, in order; the rest are generated.</summary>
    public IReadOnlyList<string> MacAddresses { get; init; } = [];

    /// <summary>How to format the new LUKS volumes; the data offset is chosen by the plan.</summary>
    public LuksFormatOptions Format { get; init; } = new();

    /// <summary>
    /// Whether the guest's discards (fstrim) pass through to the storage — the new disk gets <c>discard='unmap'</c>,
    /// its mapping is opened with discards allowed and crypttab says <c>discard</c>. Passing them reveals which blocks
    /// are unused. True for every disk, false for none; null (the default) follows each source disk: discards pass
    /// where it has <c>discard='unmap'</c>. The plan records the decision per disk (<see cref="DiskPlan.AllowDiscards"/>).
    /// </summary>
    public bool? AllowDiscards { get; init; }

    /// <summary>Extra bytes per disk beyond the source size (the guest then sees a larger disk).</summary>
    public long MarginBytes { get; init; }

    /// <summary>Where to write a LUKS header backup of every new volume; null for none.</summary>
    public string? HeaderBackupDirectory { get; init; }

    /// <summary>
    /// When the domain runs: shut it down gracefully, waiting at most this long. Null refuses a running domain
    /// (a running disk is never copied).
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; init; }

    /// <summary>Live mode: limit each disk's mirror to this many bytes per second while it catches up; null for no limit.</summary>
    public long? BandwidthBytesPerSecond { get; init; }

    /// <summary>Start the migrated domain at the end.</summary>
    public bool Start { get; init; }
}
