using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>liblvm2cmd's process-wide log function, delivering to the calling thread's sink.</summary>
internal static class Lvm2Log
{
    private static readonly NativeLogCapture Capture = new();
    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>Collects LVM's log lines made on this thread until the scope is disposed.</summary>
    internal static NativeLogCapture.Scope Begin(Action<int, string> sink)
    {
        _ = Installed.Value;
        return Capture.Capture(sink);
    }

    private static unsafe bool Install()
    {
        Interop.Lvm2Cmd.lvm2_log_fn(&OnLog);
        return true;
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLog(int level, byte* file, int line, int dmErrno, byte* message) =>
        Capture.Deliver(level, Marshal.PtrToStringUTF8((IntPtr)message) ?? "");
}
