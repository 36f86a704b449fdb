namespace VirtCrypt.Libvirt;

/// <summary>The kind of a block job, as libvirt's <c>virDomainBlockJobType</c>.</summary>
internal enum BlockJobType
{
    /// <summary>Unknown to this libvirt.</summary>
    Unknown = 0,

    /// <summary>A backing file is pulled into the active layer.</summary>
    Pull = 1,

    /// <summary>The disk is mirrored to a new destination (<c>virDomainBlockCopy</c>).</summary>
    Copy = 2,

    /// <summary>A layer is committed into its backing file.</summary>
    Commit = 3,

    /// <summary>The active layer is committed into its backing file.</summary>
    ActiveCommit = 4,

    /// <summary>A backup job.</summary>
    Backup = 5,
}
