namespace VirtCrypt.Libvirt;

/// <summary>A running block job, as <c>virDomainGetBlockJobInfo</c> reports it.</summary>
/// <param name="Type">The kind of job.</param>
/// <param name="BandwidthBytesPerSecond">Its speed limit; 0 for none.</param>
/// <param name="Current">Progress, between 0 and <paramref name="End"/> (bytes for a copy, though libvirt does not promise the unit).</param>
/// <param name="End">The value of <paramref name="Current"/> at completion; it grows while the guest writes.</param>
internal sealed record BlockJobInfo(BlockJobType Type, long BandwidthBytesPerSecond, long Current, long End)
{
    /// <summary>
    /// True once a copy has caught up and mirrors every write: libvirt reports <c>Current == End</c> only then (it
    /// keeps them apart while the job is not ready).
    /// </summary>
    public bool IsReady => End > 0 && Current == End;
}
