using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using VirtCrypt.Threading;
using static VirtCrypt.Interop.Interop.Libc;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Storage;

/// <summary>
/// Runs liblvm2cmd on one dedicated thread that owns the process's one LVM handle: the library is not thread-safe and
/// its log function is process-wide. Callers on any thread hand it a piece of work and get a task back. The handle
/// lives while at least one <see cref="Lease"/> is held; the last one released ends the thread (lvm2_exit).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The last Lease disposes the LVM handle and ends the thread.")]
internal sealed class LvmCommandRunner
{
    /// <summary>077: nothing created during lvm2_init is readable by others, as LVM itself wants.</summary>
    private const uint RestrictiveUmask = 0b000_111_111;

    private static readonly Lock Gate = new();
    private static LvmCommandRunner? current;

    private readonly DedicatedThread thread = new("VirtCrypt LVM");
    private readonly SafeLvmHandle handle;
    private int leases;

    /// <summary>The umask LVM wants while it works (its global/umask, 077 by default); the process keeps its own.</summary>
    private uint lvmUmask;

    private LvmCommandRunner()
    {
        try
        {
            handle = thread.RunAsync(Initialize).GetAwaiter().GetResult();
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    /// <summary>Starts the LVM thread if none runs and holds it until the lease is disposed.</summary>
    /// <exception cref="NativeLibraryNotFoundException">liblvm2cmd is not installed.</exception>
    internal static Lease Acquire()
    {
        lock (Gate)
        {
            NativeLibraries.Require(NativeLibraryInfo.Lvm2Cmd);
            current ??= new LvmCommandRunner();
            current.leases++;
            return new Lease(current);
        }
    }

    /// <summary>Runs a one-word query (such as <c>version</c>) and waits for it.</summary>
    internal LvmOutput Run(string query) =>
        RunAsync(session => session.Run(LvmCommandLine.Query(query)), NullLogger.Instance).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="body"/> on the LVM thread; its commands run back to back, with no other caller's command
    /// in between. Cancellation is honoured until the work starts and before each command that changes something;
    /// a command that has started runs to its end (LVM cannot be interrupted safely).
    /// </summary>
    internal Task<T> RunAsync<T>(Func<LvmSession, T> body, ILogger logger, CancellationToken cancellationToken = default) =>
        thread.RunAsync(() => body(new LvmSession(this, handle, logger, cancellationToken)), cancellationToken);

    /// <summary>Runs one command line with LVM's umask in force, collecting its report lines and messages.</summary>
    internal LvmOutput Execute(SafeLvmHandle handle, string commandLine)
    {
        var messages = new List<LvmLogLine>();
        var reportLines = new List<string>();
        var processUmask = umask(lvmUmask);
        int code;
        try
        {
            using (Lvm2Log.Begin((level, text) => messages.Add(new LvmLogLine(level, text)), reportLines.Add))
            {
                code = lvm2_run(handle, commandLine);
            }
        }
        finally
        {
            lvmUmask = umask(processUmask);
        }

        return new LvmOutput(commandLine, code, messages, reportLines);
    }

    private void Release()
    {
        lock (Gate)
        {
            if (--leases > 0)
            {
                return;
            }

            current = null;
            _ = thread.RunAsync(handle.Dispose);
            thread.Dispose();
        }
    }

    private SafeLvmHandle Initialize()
    {
        // lvm2_init sets the umask to LVM's own and never restores it.
        var processUmask = umask(RestrictiveUmask);
        SafeLvmHandle created;
        try
        {
            created = lvm2_init();
        }
        finally
        {
            lvmUmask = umask(processUmask);
        }

        if (created.IsInvalid)
        {
            created.Dispose();
            throw new LvmException("liblvm2cmd could not be initialized (lvm2_init failed).");
        }

        return created;
    }

    /// <summary>Keeps the LVM thread and handle alive; dispose once.</summary>
    internal sealed class Lease(LvmCommandRunner runner) : IDisposable
    {
        private int disposed;

        internal LvmCommandRunner Runner => disposed == 0 ? runner : throw new ObjectDisposedException(nameof(LvmCommandRunner));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                runner.Release();
            }
        }
    }
}
