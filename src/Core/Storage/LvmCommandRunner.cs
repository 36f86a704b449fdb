using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Storage;

/// <summary>
/// Runs liblvm2cmd on one dedicated thread that owns the process's one LVM handle: the library is not thread-safe and
/// its log function is process-wide. Callers on any thread hand it a piece of work and get a task back. The handle
/// lives while at least one <see cref="Lease"/> is held; the last one released ends the thread (lvm2_exit).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The LVM thread disposes its queue when it ends; the last Lease ends it.")]
internal sealed class LvmCommandRunner
{
    /// <summary>077: nothing created during lvm2_init is readable by others, as LVM itself wants.</summary>
    private const uint RestrictiveUmask = 0b000_111_111;

    private static readonly Lock Gate = new();
    private static LvmCommandRunner? current;

    private readonly BlockingCollection<Action<SafeLvmHandle>> work = new();
    private readonly Thread thread;
    private int leases;

    /// <summary>The umask LVM wants while it works (its global/umask, 077 by default); the process keeps its own.</summary>
    private uint lvmUmask;

    private LvmCommandRunner()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        thread = new Thread(() => Loop(started)) { IsBackground = true, Name = "VirtCrypt LVM" };
        thread.Start();
        started.Task.GetAwaiter().GetResult();
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
    internal Task<T> RunAsync<T>(Func<LvmSession, T> body, ILogger logger, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(handle =>
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.SetResult(body(new LvmSession(this, handle, logger, cancellationToken)));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                result.SetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }, CancellationToken.None);
        return result.Task;
    }

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
            work.CompleteAdding();
            if (Thread.CurrentThread != thread)
            {
                thread.Join();
            }
        }
    }

    private void Loop(TaskCompletionSource started)
    {
        SafeLvmHandle handle;
        try
        {
            // lvm2_init sets the umask to LVM's own and never restores it.
            var processUmask = umask(RestrictiveUmask);
            try
            {
                handle = lvm2_init();
            }
            finally
            {
                lvmUmask = umask(processUmask);
            }

            if (handle.IsInvalid)
            {
                throw new LvmException("liblvm2cmd could not be initialized (lvm2_init failed).");
            }
        }
        catch (Exception e)
        {
            work.Dispose();
            started.SetException(e);
            return;
        }

        started.SetResult();
        using (handle)
        {
            foreach (var item in work.GetConsumingEnumerable())
            {
                item(handle);
            }
        }

        work.Dispose();
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
