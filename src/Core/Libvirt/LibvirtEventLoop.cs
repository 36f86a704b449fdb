using VirtCrypt.Diagnostics;
using VirtCrypt.Interop;
using VirtCrypt.Threading;

namespace VirtCrypt.Libvirt;

/// <summary>
/// The process-wide libvirt set-up every connection needs first: errors silenced (they become exceptions), the
/// default event loop registered before the first connection, and one background thread pumping it. Without the
/// pump, events are never delivered and keepalive cannot answer, so long operations lose the connection.
/// </summary>
internal static class LibvirtEventLoop
{
    private static readonly Lazy<DedicatedThread> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Sets everything up once; later calls return at once.</summary>
    internal static void EnsureStarted() => _ = Started.Value;

    private static DedicatedThread Start()
    {
        NativeLibraries.Require(NativeLibraryInfo.Libvirt);
        LibvirtProxy.Initialize();
        var pump = new DedicatedThread("VirtCrypt libvirt events");
        _ = pump.RunAsync(Pump);
        return pump;
    }

    /// <summary>The pump's one work item, for as long as the process lives.</summary>
    private static void Pump()
    {
        while (true)
        {
            if (!LibvirtProxy.RunEventLoopOnce())
            {
                // Only fails when poll() itself fails; the error is dropped: back off instead of spinning.
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
