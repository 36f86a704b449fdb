using Microsoft.Win32.SafeHandles;

namespace VirtCrypt.Interop;

/// <summary>A <c>virConnectPtr</c>, closed with <c>virConnectClose</c>.</summary>
internal sealed class SafeConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeConnectHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Libvirt.virConnectClose(handle) >= 0;
}
