namespace VirtCrypt.Interop;

/// <summary>The liblvm2cmd handle from <c>lvm2_init</c>, released with <c>lvm2_exit</c>.</summary>
internal sealed class SafeLvmHandle : TrackedSafeHandle
{
    public SafeLvmHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Lvm2Cmd.lvm2_exit(handle);
        return true;
    }
}
