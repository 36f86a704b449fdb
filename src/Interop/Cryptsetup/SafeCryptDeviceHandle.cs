namespace VirtCrypt.Interop;

/// <summary>A <c>struct crypt_device *</c>, released with <c>crypt_free</c>.</summary>
internal sealed class SafeCryptDeviceHandle : TrackedSafeHandle
{
    public SafeCryptDeviceHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Cryptsetup.crypt_free(handle);
        return true;
    }
}
