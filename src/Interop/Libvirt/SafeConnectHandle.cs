namespace VirtCrypt.Interop;

/// <summary>A <c>virConnectPtr</c>, closed with <c>virConnectClose</c>.</summary>
internal sealed class SafeConnectHandle : TrackedSafeHandle
{
    public SafeConnectHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Libvirt.virConnectClose(handle) >= 0;
}
