using System.Collections.Concurrent;

namespace VirtCrypt.Threading;

/// <summary>
/// One named background thread that runs queued work one item at a time, in order. For the native libraries that
/// need a thread of their own: liblvm2cmd (one handle, not thread-safe), libcryptsetup (key derivation and
/// device-mapper calls block for seconds; async callers get a task and no pool thread blocks) and libvirt (a loop
/// pumping its event queue for as long as the process lives).
/// </summary>
internal sealed class DedicatedThread : IDisposable
{
    private readonly BlockingCollection<Action> work = new();
    private readonly Thread thread;
    private int disposed;

    internal DedicatedThread(string name)
    {
        thread = new Thread(Loop) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>True when called from this thread.</summary>
    internal bool IsCurrent => Thread.CurrentThread == thread;

    /// <summary>
    /// Queues <paramref name="function"/> behind the work already queued. Cancellation is honoured until it starts;
    /// once running, it ends when the function returns, and an <see cref="OperationCanceledException"/> it throws for
    /// <paramref name="cancellationToken"/> ends the task as canceled.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The thread has been told to end.</exception>
    internal Task<T> RunAsync<T>(Func<T> function, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue(() =>
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.SetResult(function());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                result.SetCanceled(cancellationToken);
            }
#pragma warning disable CA1031 // Every failure belongs to the caller's task, not to this thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    /// <inheritdoc cref="RunAsync{T}(Func{T}, CancellationToken)"/>
    internal Task RunAsync(Action action, CancellationToken cancellationToken = default) =>
        RunAsync(() =>
        {
            action();
            return true;
        }, cancellationToken);

    /// <summary>Ends the thread once the work already queued has run; waits for that unless called from the thread itself.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        work.CompleteAdding();
        if (!IsCurrent)
        {
            thread.Join();
        }
    }

    private void Queue(Action item)
    {
        try
        {
            work.Add(item);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new ObjectDisposedException(thread.Name, e);
        }
    }

    private void Loop()
    {
        foreach (var item in work.GetConsumingEnumerable())
        {
            item();
        }

        work.Dispose();
    }
}
