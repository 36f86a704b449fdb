using VirtCrypt.Diagnostics;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>
/// The process-wide libvirt set-up every connection needs first: errors silenced (they become exceptions), the
/// default event loop registered before the first connection, and one background thread pumping it. Without the
/// pump, events are never delivered and keepalive cannot answer, so long operations lose the connection.
/// </summary>
internal static class LibvirtEventLoop
{
    private static readonly Lazy<bool> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Sets everything up once; later calls return at once.</summary>
    internal static void EnsureStarted() => _ = Started.Value;

    private static bool Start()
    {
        NativeLibraries.Require(NativeLibraryInfo.Libvirt);
        LibvirtErrorSilencer.Install();
        LibvirtErrors.Check(virInitialize(), "initialize libvirt");
        LibvirtErrors.Check(virEventRegisterDefaultImpl(), "register libvirt's default event loop");
        new Thread(Pump) { IsBackground = true, Name = "VirtCrypt libvirt events" }.Start();
        return true;
    }

    private static void Pump()
    {
        while (true)
        {
            if (virEventRunDefaultImpl() < 0)
            {
                // Only fails when poll() itself fails; drop the error and back off instead of spinning.
                _ = LibvirtLastError.Take();
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
