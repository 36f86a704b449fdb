using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// Processes a range request by request on <c>depth</c> worker threads, each with its own buffer, so that that many
/// requests (reads, hashing, writes) are in flight at once and memory does not grow with the disk. Requests complete
/// out of order; the calling thread sees their results in order, as the contiguous completed prefix grows, and stops
/// seeing them once cancelled, so what it saw last is exactly what completed before. Requests end on multiples of the
/// request size, whatever the start.
/// </summary>
internal static class ChunkPipeline
{
    /// <summary>
    /// Runs <paramref name="process"/> (on a worker: fill the chunk for the request at offset, length; write it) over
    /// [<paramref name="start"/>, <paramref name="end"/>) and passes each request's offset, length and result to
    /// <paramref name="completed"/> on the calling thread, in offset order.
    /// </summary>
    internal static void Run<T>(
        long start, long end, int requestSize, int depth, Func<Chunk, long, int, T> process,
        Action<long, int, T> completed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new BlockingCollection<(long Offset, int Length, T Result)>();
        var requests = new RequestCursor(start, end, requestSize);
        var running = depth;
        ExceptionDispatchInfo? failure = null;
        var workers = Enumerable.Range(0, depth).Select(index => new Thread(() =>
        {
            try
            {
                using var chunk = new Chunk(SafeAlignedBufferHandle.Allocate(requestSize, BlockFile.DirectAlignment));
                while (!stop.IsCancellationRequested && requests.TryTake(out var offset, out var length))
                {
                    done.Add((offset, length, process(chunk, offset, length)));
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
}
