using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>A file descriptor from <c>open(2)</c>, closed on dispose.</summary>
internal sealed class SafeFileDescriptorHandle : TrackedSafeHandle
{
    public SafeFileDescriptorHandle()
        : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="fd"/> (a negative value gives an invalid handle).</summary>
    internal SafeFileDescriptorHandle(int fd)
        : this()
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}
