using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

[TestFixture]
[Category("Native")]
public class LifecycleEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task WatchLifecycleEvents_SeesDefineStartStopUndefine_InOrder()
    {
        using var hypervisor = TestDriver.Connect();
        using var timeout = new CancellationTokenSource(Patience);
        var events = hypervisor.WatchLifecycleEventsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        using (var domain = hypervisor.Define(TestDriver.MinimalDomain("evented")))
        {
            domain.Start();
            domain.Destroy();
            domain.Undefine();
        }

        var seen = new List<DomainLifecycleEventArgs>();
        while (seen.Count < 4 && await events.MoveNextAsync())
        {
            seen.Add(events.Current);
        }

        await events.DisposeAsync();
        seen.Select(e => e.Kind).Should().Equal(
            DomainLifecycleEventKind.Defined, DomainLifecycleEventKind.Started, DomainLifecycleEventKind.Stopped, DomainLifecycleEventKind.Undefined);
        seen.Should().OnlyContain(e => e.DomainName == "evented" && e.DomainUuid != Guid.Empty);
        seen[2].Detail.Should().Be(1, "VIR_DOMAIN_EVENT_STOPPED_DESTROYED");
    }

    [Test]
    public async Task DomainLifecycleEvent_IsRaisedForEveryEvent()
    {
        using var hypervisor = TestDriver.Connect();
        var raised = new TaskCompletionSource<DomainLifecycleEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        hypervisor.DomainLifecycle += (sender, e) =>
        {
            sender.Should().BeSameAs(hypervisor);
            raised.TrySetResult(e);
        };

        using var domain = hypervisor.GetDomain("test");
        domain.Destroy();

        var received = await raised.Task.WaitAsync(Patience);
        received.Kind.Should().Be(DomainLifecycleEventKind.Stopped);
        received.DomainName.Should().Be("test");
    }

    [Test]
    public async Task WatchLifecycleEvents_EndsWhenTheConnectionIsDisposed()
    {
        var hypervisor = TestDriver.Connect();
        using var timeout = new CancellationTokenSource(Patience);
        var events = hypervisor.WatchLifecycleEventsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        hypervisor.Dispose();

        (await events.MoveNextAsync()).Should().BeFalse();
        await events.DisposeAsync();
    }
}
