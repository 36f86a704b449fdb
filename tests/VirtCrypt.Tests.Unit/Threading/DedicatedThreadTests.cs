using VirtCrypt.Threading;

namespace VirtCrypt.Tests.Unit.Threading;

[TestFixture]
[Category("Unit")]
public class DedicatedThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Work_RunsOnTheOneNamedThread_InTheOrderQueued()
    {
        using var thread = new DedicatedThread("test worker");
        var seen = new List<(int Item, string? Name, int Id)>();

        var tasks = Enumerable.Range(1, 5)
            .Select(i => thread.RunAsync(() => seen.Add((i, Thread.CurrentThread.Name, Environment.CurrentManagedThreadId))))
            .ToList();
        await Task.WhenAll(tasks).WaitAsync(Patience);

        seen.Select(s => s.Item).Should().Equal(1, 2, 3, 4, 5);
        seen.Select(s => s.Name).Distinct().Should().Equal("test worker");
        seen.Select(s => s.Id).Distinct().Should().ContainSingle().Which.Should().NotBe(Environment.CurrentManagedThreadId);
    }

    [Test]
    public async Task AResult_AndAnException_ReachTheCallersTask()
    {
        using var thread = new DedicatedThread("test worker");

        (await thread.RunAsync(() => 42).WaitAsync(Patience)).Should().Be(42);
        await thread.Invoking(t => t.RunAsync<int>(() => throw new InvalidOperationException("boom")))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("boom");
        (await thread.RunAsync(() => "still running").WaitAsync(Patience)).Should().Be("still running");
    }

    [Test]
    public async Task CancellingBeforeTheWorkStarts_CancelsItWithoutRunningIt()
    {
        using var thread = new DedicatedThread("test worker");
        using var gate = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var blocker = thread.RunAsync(gate.Wait);
        var queued = thread.RunAsync(() => ran = true, cancellation.Token);

        await cancellation.CancelAsync();
        gate.Set();
        await blocker.WaitAsync(Patience);

        await queued.Invoking(t => t.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        queued.IsCanceled.Should().BeTrue();
        ran.Should().BeFalse();
    }

    [Test]
    public void AnAlreadyCancelledToken_IsRefusedAtOnce()
    {
        using var thread = new DedicatedThread("test worker");

        var queue = () => { _ = thread.RunAsync(() => 1, new CancellationToken(canceled: true)); };

        queue.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public async Task WorkThatStopsForItsOwnCancelledToken_EndsCanceled()
    {
        using var thread = new DedicatedThread("test worker");
        using var cancellation = new CancellationTokenSource();

        var task = thread.RunAsync(() =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
        }, cancellation.Token);

        await task.Invoking(t => t.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        task.IsCanceled.Should().BeTrue();
    }

    [Test]
    public async Task Dispose_RunsTheQueuedWorkFirst_ThenRefusesNewWork()
    {
        var thread = new DedicatedThread("test worker");
        using var gate = new ManualResetEventSlim();
        var done = new List<int>();
        var blocker = thread.RunAsync(gate.Wait);
        var queued = Enumerable.Range(1, 3).Select(i => thread.RunAsync(() => done.Add(i))).ToList();

        var disposing = Task.Run(thread.Dispose);
        gate.Set();
        await disposing.WaitAsync(Patience);

        blocker.IsCompletedSuccessfully.Should().BeTrue();
        queued.Should().OnlyContain(t => t.IsCompletedSuccessfully);
        done.Should().Equal(1, 2, 3);
        var queue = () => { _ = thread.RunAsync(() => 1); };
        queue.Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public async Task Dispose_FromTheThreadItself_EndsItWithoutWaitingForItself()
    {
        var thread = new DedicatedThread("test worker");

        await thread.RunAsync(thread.Dispose).WaitAsync(Patience);

        var queue = () => { _ = thread.RunAsync(() => 1); };
        queue.Should().Throw<ObjectDisposedException>();
    }
}
