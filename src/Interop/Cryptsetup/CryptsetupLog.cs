using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>libcryptsetup's default (process-wide) log callback, delivering to the calling thread's sink.</summary>
internal static class CryptsetupLog
{
    private static readonly NativeLogCapture Capture = new();
    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>Collects libcryptsetup's log lines made on this thread until the scope is disposed.</summary>
    internal static NativeLogCapture.Scope Begin(Action<int, string> sink)
    {
        _ = Installed.Value;
        return Capture.Capture(sink);
    }

    private static unsafe bool Install()
    {
        Interop.Cryptsetup.crypt_set_log_callback(IntPtr.Zero, &OnLog, IntPtr.Zero);
        return true;
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLog(int level, byte* message, IntPtr userData) =>
        Capture.Deliver(level, Marshal.PtrToStringUTF8((IntPtr)message)?.TrimEnd('\n') ?? "");
}
