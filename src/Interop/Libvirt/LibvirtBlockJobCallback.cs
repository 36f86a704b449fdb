using System.Runtime.InteropServices;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>One block job event as libvirt delivered it: the disk's target (<c>vda</c>), the job type and its status.</summary>
internal readonly record struct LibvirtBlockJobEvent(string DomainName, string DomainUuid, string Disk, int Type, int Status);

/// <summary>
/// Registers a managed sink for <c>VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2</c> (the variant that names the disk by its target,
/// which stays the same across a pivot) on a connection. libvirt calls back on the thread running
/// <c>virEventRunDefaultImpl</c>; the sink must return quickly and must not throw.
/// </summary>
internal static class LibvirtBlockJobCallback
{
    /// <summary>Returns the callback id, or -1 with libvirt's error left for <see cref="LibvirtLastError.Take"/>.</summary>
    internal static unsafe int Register(SafeConnectHandle connection, Action<LibvirtBlockJobEvent> sink)
    {
        var opaque = GCHandle.Alloc(sink);
        delegate* unmanaged<IntPtr, IntPtr, IntPtr, int, int, IntPtr, void> callback = &OnBlockJob;
        var id = virConnectDomainEventRegisterAny(
            connection, IntPtr.Zero, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2, (IntPtr)callback, GCHandle.ToIntPtr(opaque), &LibvirtCallbackSupport.FreeOpaque);
        if (id < 0)
        {
            // On failure libvirt does not keep (nor free) the opaque pointer.
            opaque.Free();
        }

        return id;
    }

    [UnmanagedCallersOnly]
    private static void OnBlockJob(IntPtr connection, IntPtr domain, IntPtr disk, int type, int status, IntPtr opaque)
    {
        try
        {
            var sink = (Action<LibvirtBlockJobEvent>)GCHandle.FromIntPtr(opaque).Target!;
            var (name, uuid) = LibvirtCallbackSupport.Identify(domain);
            sink(new LibvirtBlockJobEvent(name, uuid, Marshal.PtrToStringUTF8(disk) ?? "", type, status));
        }
#pragma warning disable CA1031 // An exception must not unwind into libvirt's event loop.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
