using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// Reads a range request by request on the calling thread and passes each chunk through stages (hash, write), each
/// on a dedicated thread, with a fixed number of buffers in flight: reading, hashing and writing overlap, and memory
/// does not grow with the disk. Requests end on multiples of the request size, whatever the start.
/// </summary>
internal static class ChunkPipeline
{
    internal static void Run(
        long start, long end, int requestSize, int depth, Action<Chunk, long, int> produce,
        IReadOnlyList<Action<Chunk>> stages, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var free = new BlockingCollection<Chunk>();
        var queues = stages.Select(_ => new BlockingCollection<Chunk>()).ToArray();
        var chunks = Enumerable.Range(0, depth)
            .Select(_ => new Chunk(SafeAlignedBufferHandle.Allocate(requestSize, BlockFile.DirectAlignment)))
            .ToList();
        chunks.ForEach(free.Add);
        ExceptionDispatchInfo? failure = null;
        var threads = stages.Select((stage, index) => new Thread(() =>
        {
            var next = index + 1 < queues.Length ? queues[index + 1] : free;
            try
            {
                foreach (var chunk in queues[index].GetConsumingEnumerable(stop.Token))
                {
                    stage(chunk);
                    next.Add(chunk);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller cancelled or another stage failed: reported below.
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
            finally
            {
                if (next != free)
                {
                    next.CompleteAdding();
                }
            }
        })
        { IsBackground = true, Name = $"VirtCrypt copy stage {index + 1}" }).ToList();
        threads.ForEach(thread => thread.Start());
        try
        {
            for (var offset = start; offset < end;)
            {
                var chunk = free.Take(stop.Token);
                var length = (int)Math.Min(requestSize - (offset % requestSize), end - offset);
                produce(chunk, offset, length);
                queues[0].Add(chunk, stop.Token);
                offset += length;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Reported below.
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            queues[0].CompleteAdding();
            threads.ForEach(thread => thread.Join());
            chunks.ForEach(chunk => chunk.Dispose());
            Array.ForEach(queues, queue => queue.Dispose());
            free.Dispose();
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
