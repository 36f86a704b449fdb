using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// Processes a range request by request on <c>depth</c> worker threads, each with its own buffer, so that that many
/// requests (reads, hashing, writes) are in flight at once and memory does not grow with the disk. Requests complete
/// out of order; the calling thread sees their results in order, as the contiguous completed prefix grows, and stops
/// seeing them once cancelled, so what it saw last is exactly what completed before. Requests end on multiples of the
/// request size, whatever the start. Writes may be made to take turns in offset order, one at a time, while the other
/// workers read ahead: a file system allocates a growing file's blocks under one lock anyway, and writes that arrive
/// out of order fill holes below the end instead of appending.
/// </summary>
internal static class ChunkPipeline
{
    /// <summary>
    /// Runs <paramref name="process"/> (on a worker: fill the chunk for the request at offset, length) and then
    /// <paramref name="write"/> (if any; in offset order, one at a time, when <paramref name="writeInOrder"/>) over
    /// [<paramref name="start"/>, <paramref name="end"/>) and passes each request's offset, length and result to
    /// <paramref name="completed"/> on the calling thread, in offset order.
    /// </summary>
    internal static void Run<T>(
        long start, long end, int requestSize, int depth, Func<Chunk, long, int, T> process,
        Action<long, int, T> completed, CancellationToken cancellationToken,
        Action<Chunk>? write = null, bool writeInOrder = false)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new BlockingCollection<(long Offset, int Length, T Result)>();
        var requests = new RequestCursor(start, end, requestSize);
        var turns = writeInOrder ? new Turns(start) : null;
        using var wakeOnStop = stop.Token.Register(() => turns?.WakeAll());
        var running = depth;
        ExceptionDispatchInfo? failure = null;
        var workers = Enumerable.Range(0, depth).Select(index => new Thread(() =>
        {
            try
            {
                using var chunk = new Chunk(SafeAlignedBufferHandle.Allocate(requestSize, BlockFile.DirectAlignment));
                while (!stop.IsCancellationRequested && requests.TryTake(out var offset, out var length))
                {
                    var result = process(chunk, offset, length);
                    if (turns is not null && !turns.WaitFor(offset, stop.Token))
                    {
                        break;
                    }

                    write?.Invoke(chunk);
                    turns?.Pass(offset + length);
                    done.Add((offset, length, result));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
            finally
            {
                if (Interlocked.Decrement(ref running) == 0)
                {
                    done.CompleteAdding();
                }
            }
        })
        { IsBackground = true, Name = $"VirtCrypt copy worker {index + 1}" }).ToList();
        workers.ForEach(worker => worker.Start());
        try
        {
            var pending = new Dictionary<long, (int Length, T Result)>();
            var prefix = start;
            // Not cancellable: the workers end after their current request, then adding completes.
            foreach (var (offset, length, result) in done.GetConsumingEnumerable(CancellationToken.None))
            {
                pending.Add(offset, (length, result));
                while (!stop.IsCancellationRequested && pending.Remove(prefix, out var next))
                {
                    completed(prefix, next.Length, next.Result);
                    prefix += next.Length;
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            workers.ForEach(worker => worker.Join());
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Hands out the range's requests in order, one at a time, to whichever worker asks.</summary>
    private sealed class RequestCursor(long start, long end, int requestSize)
    {
        private readonly Lock gate = new();
        private long next = start;

        internal bool TryTake(out long offset, out int length)
        {
            lock (gate)
            {
                offset = next;
                length = (int)Math.Min(requestSize - (offset % requestSize), end - offset);
                next += length;
                return length > 0;
            }
        }
    }

    /// <summary>Lets workers through one at a time in offset order: each waits for the requests before its own.</summary>
    private sealed class Turns(long start)
    {
        private readonly object gate = new();
        private long next = start;

        /// <summary>Waits until every request before <paramref name="offset"/> has passed; false when stopped first.</summary>
        internal bool WaitFor(long offset, CancellationToken stop)
        {
            lock (gate)
            {
                while (next != offset && !stop.IsCancellationRequested)
                {
                    Monitor.Wait(gate);
                }

                return !stop.IsCancellationRequested;
            }
        }

        internal void Pass(long end)
        {
            lock (gate)
            {
                next = end;
                Monitor.PulseAll(gate);
            }
        }

        internal void WakeAll()
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }
    }
}
