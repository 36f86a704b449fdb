using System.Collections.Concurrent;
using CsCheck;
using VirtCrypt.Copy;

namespace VirtCrypt.Tests.Unit.Copy;

/// <summary>
/// The ordering rules of several requests in flight: workers finish out of order (random delays here), the calling
/// thread sees a gapless, ordered prefix, and after a cancellation or a failure nothing more.
/// </summary>
[TestFixture]
[Category("Unit")]
public class ChunkPipelineTests
{
    private const int RequestSize = 64 << 10;

    [Test]
    public void Results_ArriveInOrder_WithoutGaps_WhateverOrderTheWorkersFinishIn()
    {
        Gen.Select(Gen.Long[0, 3 << 20], Gen.Long[0, 3 << 20], Gen.Int[2, 16], Gen.Int).Sample((a, b, depth, seed) =>
        {
            var (start, end) = (Math.Min(a, b), Math.Max(a, b));
            var seen = new List<(long Offset, int Length, long Result)>();
            var caller = Environment.CurrentManagedThreadId;
            var workers = new HashSet<int>();

            ChunkPipeline.Run(start, end, RequestSize, depth,
                (_, offset, length) =>
                {
                    lock (workers)
                    {
                        workers.Add(Environment.CurrentManagedThreadId);
                    }

                    Thread.Sleep(new Random(HashCode.Combine(seed, offset)).Next(3));
                    return offset * 7;
                },
                (offset, length, result) =>
                {
                    Environment.CurrentManagedThreadId.Should().Be(caller);
                    seen.Add((offset, length, result));
                },
                CancellationToken.None);

            seen.Sum(s => (long)s.Length).Should().Be(end - start);
            var expected = start;
            foreach (var (offset, length, result) in seen)
            {
                offset.Should().Be(expected);
                result.Should().Be(offset * 7, "each result belongs to its own request");
                ((offset + length) % RequestSize == 0 || offset + length == end).Should().BeTrue("requests end on request boundaries");
                expected += length;
            }

            workers.Should().NotContain(caller);
        }, iter: 40, threads: 1);
    }

    [Test]
    public void WritesInOrder_TakeTurns_OneAtATime_InOffsetOrder_WhileTheWorkersProcessOutOfOrder()
    {
        Gen.Select(Gen.Long[0, 3 << 20], Gen.Long[0, 3 << 20], Gen.Int[2, 16], Gen.Int).Sample((a, b, depth, seed) =>
        {
            var (start, end) = (Math.Min(a, b), Math.Max(a, b));
            var written = new List<(long Offset, int Length)>();
            var requestOf = new ConcurrentDictionary<Chunk, (long Offset, int Length)>();
            var writing = 0;
            var overlapped = false;

            ChunkPipeline.Run(start, end, RequestSize, depth,
                (chunk, offset, length) =>
                {
                    requestOf[chunk] = (offset, length);
                    Thread.Sleep(new Random(HashCode.Combine(seed, offset)).Next(3));
                    return offset;
                },
                (_, _, _) => { },
                CancellationToken.None,
                chunk =>
                {
                    overlapped |= Interlocked.Increment(ref writing) > 1;
                    var request = requestOf[chunk];
                    Thread.Sleep(new Random(HashCode.Combine(seed, request.Offset)).Next(2));
                    lock (written)
                    {
                        written.Add(request);
                    }

                    Interlocked.Decrement(ref writing);
                },
                writeInOrder: true);

            overlapped.Should().BeFalse("writes in order take turns");
            written.Sum(w => (long)w.Length).Should().Be(end - start);
            written.Select(w => w.Offset).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            written.FirstOrDefault().Offset.Should().Be(written.Count > 0 ? start : 0);
        }, iter: 40, threads: 1);
    }

    [Test]
    public void WritesInOrder_AWorkerThatFailsBeforeItsTurn_StopsTheRun_AndNoLaterRequestIsWritten()
    {
        var written = new List<long>();
        var requestOf = new ConcurrentDictionary<Chunk, long>();

        var run = () => ChunkPipeline.Run(0, 256L * RequestSize, RequestSize, 8,
            (chunk, offset, _) => offset == 5L * RequestSize ? throw new IOException("disk on fire") : requestOf[chunk] = offset,
            (_, _, _) => { },
            CancellationToken.None,
            chunk =>
            {
                lock (written)
                {
                    written.Add(requestOf[chunk]);
                }
            },
            writeInOrder: true);

        run.Should().Throw<IOException>().WithMessage("disk on fire");
        written.Should().HaveCountLessThanOrEqualTo(5, "nothing from the failed request on may be written")
            .And.Equal(Enumerable.Range(0, written.Count).Select(i => (long)i * RequestSize), "what was written is a prefix, in order");
    }

    [Test]
    public void Cancelled_TheCallerSeesNothingAfterTheCancellation_AndEveryWorkerHasStopped()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[2, 16]).Sample((cancelAfter, depth) =>
        {
            using var cancel = new CancellationTokenSource();
            var seen = new List<long>();
            var running = 0;

            var run = () => ChunkPipeline.Run(0, 64L * RequestSize, RequestSize, depth,
                (_, offset, _) =>
                {
                    Interlocked.Increment(ref running);
                    Thread.Sleep((int)(offset / RequestSize % 3));
                    Interlocked.Decrement(ref running);
                    return offset;
                },
                (offset, _, _) =>
                {
                    seen.Add(offset);
                    if (seen.Count == cancelAfter)
                    {
                        cancel.Cancel();
                    }
                },
                cancel.Token);

            run.Should().Throw<OperationCanceledException>();
            seen.Should().HaveCount(cancelAfter).And.Equal(Enumerable.Range(0, cancelAfter).Select(i => (long)i * RequestSize));
            Volatile.Read(ref running).Should().Be(0, "the run ends only when its workers have");
        }, iter: 20, threads: 1);
    }

    [Test]
    public void AWorkerThatFails_StopsTheRun_WithItsException()
    {
        var processed = 0;

        var run = () => ChunkPipeline.Run(0, 256L * RequestSize, RequestSize, 8,
            (_, offset, _) =>
            {
                Interlocked.Increment(ref processed);
                if (offset >= 16L * RequestSize)
                {
                    Thread.Sleep(1000); // so the run cannot end before the failure has stopped it
                }

                return offset == 5L * RequestSize ? throw new IOException("disk on fire") : offset;
            },
            (_, _, _) => { },
            CancellationToken.None);

        run.Should().Throw<IOException>().WithMessage("disk on fire");
        processed.Should().BeLessThan(256, "the other workers stop after their current request");
    }

    [Test]
    public void ACallerThatFails_StopsTheWorkers_AndGetsItsException()
    {
        var processed = 0;

        var run = () => ChunkPipeline.Run(0, 256L * RequestSize, RequestSize, 8,
            (_, offset, _) =>
            {
                Interlocked.Increment(ref processed);
                if (offset >= 16L * RequestSize)
                {
                    // Slow requests past the failure, so the workers cannot finish everything before the caller has
                    // failed, however busy the machine is.
                    Thread.Sleep(1000);
                }

                return offset;
            },
            (offset, _, _) =>
            {
                if (offset == 3L * RequestSize)
                {
                    throw new InvalidOperationException("checkpoint failed");
                }
            },
            CancellationToken.None);

        run.Should().Throw<InvalidOperationException>().WithMessage("checkpoint failed");
        processed.Should().BeLessThan(256, "the workers stop once the caller has failed");
    }
}
