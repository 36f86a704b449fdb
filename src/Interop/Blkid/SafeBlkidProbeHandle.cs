namespace VirtCrypt.Interop;

/// <summary>A <c>blkid_probe</c>, released with <c>blkid_free_probe</c> (which also closes its file descriptor).</summary>
internal sealed class SafeBlkidProbeHandle : TrackedSafeHandle
{
    public SafeBlkidProbeHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Blkid.blkid_free_probe(handle);
        return true;
    }
}
