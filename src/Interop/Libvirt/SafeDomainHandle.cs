using Microsoft.Win32.SafeHandles;

namespace VirtCrypt.Interop;

/// <summary>A <c>virDomainPtr</c>, released with <c>virDomainFree</c>.</summary>
internal sealed class SafeDomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeDomainHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Libvirt.virDomainFree(handle) >= 0;
}
