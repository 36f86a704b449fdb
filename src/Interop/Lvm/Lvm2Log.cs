using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// liblvm2cmd's process-wide log function, delivering to the calling thread's sinks. Report output (the JSON of
/// <c>vgs</c>/<c>lvs</c>/<c>pvs</c>) arrives at the same level (4) as warnings and printed messages; only the source
/// file that logged it tells them apart, so report lines go to their own sink.
/// </summary>
internal static class Lvm2Log
{
    private const string ReportSourceFile = "libdm-report.c";

    private static readonly NativeLogCapture Messages = new();
    private static readonly NativeLogCapture ReportLines = new();
    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>
    /// Collects LVM's log lines made on this thread until the scope is disposed: report lines to
    /// <paramref name="reportLine"/>, everything else to <paramref name="message"/> (with LVM's level).
    /// </summary>
    internal static Scope Begin(Action<int, string> message, Action<string> reportLine)
    {
        _ = Installed.Value;
        return new Scope(Messages.Capture(message), ReportLines.Capture((_, line) => reportLine(line)));
    }

    private static unsafe bool Install()
    {
        Interop.Lvm2Cmd.lvm2_log_fn(&OnLog);
        return true;
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLog(int level, byte* file, int line, int dmErrno, byte* message)
    {
        var text = Marshal.PtrToStringUTF8((IntPtr)message) ?? "";
        var source = Marshal.PtrToStringUTF8((IntPtr)file);
        var capture = source is not null && source.EndsWith(ReportSourceFile, StringComparison.Ordinal) ? ReportLines : Messages;
        capture.Deliver(level, text);
    }

    /// <summary>Ends both captures begun together.</summary>
    internal readonly struct Scope(NativeLogCapture.Scope messages, NativeLogCapture.Scope reportLines) : IDisposable
    {
        public void Dispose()
        {
            reportLines.Dispose();
            messages.Dispose();
        }
    }
}
