using System.Runtime.InteropServices;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>One domain lifecycle event as libvirt delivered it (<c>virDomainEventType</c> and its detail).</summary>
internal readonly record struct LibvirtLifecycleEvent(string DomainName, string DomainUuid, int Event, int Detail);

/// <summary>
/// Registers a managed sink for <c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c> on a connection. libvirt calls back on the
/// thread running <c>virEventRunDefaultImpl</c>; the sink must return quickly and must not throw.
/// </summary>
internal static class LibvirtLifecycleCallback
{
    /// <summary>Returns the callback id, or -1 with libvirt's error left for <see cref="LibvirtLastError.Take"/>.</summary>
    internal static unsafe int Register(SafeConnectHandle connection, Action<LibvirtLifecycleEvent> sink)
    {
        var opaque = GCHandle.Alloc(sink);
        delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, void> callback = &OnLifecycle;
        var id = virConnectDomainEventRegisterAny(
            connection, IntPtr.Zero, VIR_DOMAIN_EVENT_ID_LIFECYCLE, (IntPtr)callback, GCHandle.ToIntPtr(opaque), &LibvirtCallbackSupport.FreeOpaque);
        if (id < 0)
        {
            // On failure libvirt does not keep (nor free) the opaque pointer.
            opaque.Free();
        }

        return id;
    }

    [UnmanagedCallersOnly]
    private static void OnLifecycle(IntPtr connection, IntPtr domain, int lifecycleEvent, int detail, IntPtr opaque)
    {
        try
        {
            var sink = (Action<LibvirtLifecycleEvent>)GCHandle.FromIntPtr(opaque).Target!;
            var (name, uuid) = LibvirtCallbackSupport.Identify(domain);
            sink(new LibvirtLifecycleEvent(name, uuid, lifecycleEvent, detail));
        }
#pragma warning disable CA1031 // An exception must not unwind into libvirt's event loop.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
