namespace VirtCrypt.Interop;

/// <summary>A <c>struct dm_task *</c>, released with <c>dm_task_destroy</c>.</summary>
internal sealed class SafeDmTaskHandle : TrackedSafeHandle
{
    public SafeDmTaskHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Devmapper.dm_task_destroy(handle);
        return true;
    }
}
