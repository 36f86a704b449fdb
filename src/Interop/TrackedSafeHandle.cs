using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// The base of every SafeHandle VirtCrypt declares: <see cref="HandleTracker"/> sees it opened and disposed. Zero and
/// -1 are invalid unless a handle type says otherwise.
/// </summary>
internal abstract class TrackedSafeHandle : SafeHandle
{
    protected TrackedSafeHandle(IntPtr invalidHandleValue, bool ownsHandle)
        : base(invalidHandleValue, ownsHandle) => HandleTracker.Opened(this);

    public override bool IsInvalid => handle == IntPtr.Zero || handle == new IntPtr(-1);

    protected override void Dispose(bool disposing)
    {
        HandleTracker.Closed(this);
        base.Dispose(disposing);
    }
}
