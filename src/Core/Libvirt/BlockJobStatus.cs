namespace VirtCrypt.Libvirt;

/// <summary>What a block job event reports, as libvirt's <c>virConnectDomainEventBlockJobStatus</c>.</summary>
internal enum BlockJobStatus
{
    /// <summary>The job finished (a copy: it was pivoted, or finished without pivot).</summary>
    Completed = 0,

    /// <summary>The job failed; the disk stays as it was.</summary>
    Failed = 1,

    /// <summary>The job was aborted.</summary>
    Canceled = 2,

    /// <summary>A copy reached its mirroring phase: source and destination are in sync, it can be pivoted.</summary>
    Ready = 3,
}
