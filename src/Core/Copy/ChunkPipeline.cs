using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Copy;

/// <summary>
/// Reads a range request by request on the calling thread and hands each chunk to a consumer on a dedicated thread,
/// with a fixed number of buffers between them: reads and writes overlap and memory does not grow with the disk.
/// </summary>
internal static class ChunkPipeline
{
    internal static void Run(
        long start, long end, int requestSize, int depth,
        Action<Chunk, long, int> produce, Action<Chunk> consume, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new BlockingCollection<Chunk>();
        using var full = new BlockingCollection<Chunk>();
        var chunks = Enumerable.Range(0, depth)
            .Select(_ => new Chunk(SafeAlignedBufferHandle.Allocate(requestSize, BlockFile.DirectAlignment)))
            .ToList();
        chunks.ForEach(free.Add);
        ExceptionDispatchInfo? consumerFailure = null;
        var consumer = new Thread(() =>
        {
            try
            {
                foreach (var chunk in full.GetConsumingEnumerable(stop.Token))
                {
                    consume(chunk);
                    free.Add(chunk);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Reported below, as the caller's cancellation.
            }
            catch (Exception e)
            {
                consumerFailure = ExceptionDispatchInfo.Capture(e);
                stop.Cancel();
            }
        })
        { IsBackground = true, Name = "VirtCrypt copy writer" };
        consumer.Start();
        try
        {
            for (var offset = start; offset < end; offset += requestSize)
            {
                var chunk = free.Take(stop.Token);
                produce(chunk, offset, (int)Math.Min(requestSize, end - offset));
                full.Add(chunk, stop.Token);
            }
        }
        catch (OperationCanceledException) when (consumerFailure is not null || stop.IsCancellationRequested)
        {
            // The consumer failed or the caller cancelled: reported below.
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            full.CompleteAdding();
            consumer.Join();
            chunks.ForEach(chunk => chunk.Dispose());
        }

        consumerFailure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
