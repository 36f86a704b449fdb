namespace VirtCrypt.Interop;

/// <summary>A <c>virDomainPtr</c>, released with <c>virDomainFree</c>.</summary>
internal sealed class SafeDomainHandle : TrackedSafeHandle
{
    public SafeDomainHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Libvirt.virDomainFree(handle) >= 0;
}
