using Microsoft.Win32.SafeHandles;

namespace VirtCrypt.Interop;

/// <summary>A file descriptor from <c>open(2)</c>, closed with <c>close(2)</c>; -1 is invalid.</summary>
internal sealed class SafeFileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    public SafeFileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Libc.close(handle) == 0;
}
