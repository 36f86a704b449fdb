using System.Collections.Concurrent;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Storage;

/// <summary>
/// Runs liblvm2cmd commands on one dedicated thread that owns the LVM handle: the library is not thread-safe and its
/// log function is process-wide. Callers on any thread get a task back.
/// </summary>
internal sealed class LvmCommandRunner : IDisposable
{
    private static readonly Lazy<LvmCommandRunner> SharedRunner = new(() => new LvmCommandRunner());

    private readonly BlockingCollection<Action<SafeLvmHandle>> work = new();
    private readonly Thread thread;

    private LvmCommandRunner()
    {
        NativeLibraries.Require(NativeLibraryInfo.Lvm2Cmd);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        thread = new Thread(() => Loop(started)) { IsBackground = true, Name = "VirtCrypt LVM" };
        thread.Start();
        started.Task.GetAwaiter().GetResult();
    }

    /// <summary>The process's one runner (liblvm2cmd allows one handle per process in practice).</summary>
    internal static LvmCommandRunner Shared => SharedRunner.Value;

    /// <summary>Runs a command line that the caller built from validated names only.</summary>
    internal Task<LvmOutput> RunAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<LvmOutput>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(handle =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                result.SetCanceled(cancellationToken);
                return;
            }

            var lines = new List<LvmLogLine>();
            using (Lvm2Log.Begin((level, text) => lines.Add(new LvmLogLine(level, text))))
            {
                var code = lvm2_run(handle, commandLine);
                result.SetResult(new LvmOutput(code, lines));
            }
        }, cancellationToken);
        return result.Task;
    }

    internal LvmOutput Run(string commandLine) => RunAsync(commandLine).GetAwaiter().GetResult();

    public void Dispose()
    {
        work.CompleteAdding();
        thread.Join();
        work.Dispose();
    }

    private void Loop(TaskCompletionSource started)
    {
        SafeLvmHandle handle;
        try
        {
            var savedUmask = Interop.Interop.Libc.umask(0);
            try
            {
                handle = lvm2_init();
            }
            finally
            {
                _ = Interop.Interop.Libc.umask(savedUmask);
            }

            if (handle.IsInvalid)
            {
                throw new VirtCryptException("liblvm2cmd could not be initialized (lvm2_init failed).");
            }
        }
        catch (Exception e)
        {
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
    }
}
