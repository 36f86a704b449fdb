using System.Runtime.InteropServices;
using VirtCrypt.Interop;

namespace VirtCrypt.Tests.Unit.Interop;

[TestFixture]
[Category("Unit")]
public class HandleTrackingTests
{
    [Test]
    public void EverySafeHandleOfTheInteropAssembly_IsTracked() =>
        typeof(TrackedSafeHandle).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SafeHandle)) && !t.IsAbstract)
            .Should().NotBeEmpty().And.OnlyContain(t => t.IsSubclassOf(typeof(TrackedSafeHandle)), "a handle type outside TrackedSafeHandle escapes the leak check");

    [Test]
    public void TheTestRun_TracksHandles() => HandleTracker.IsEnabled.Should().BeTrue("the test projects turn VirtCrypt.TrackHandles on");

    [Test]
    public void AnUndisposedHandle_IsReportedWithItsAllocation_UntilDisposed()
    {
        var mark = HandleTracker.Mark;
        using (SafeAlignedBufferHandle.Allocate(4096, 4096))
        {
            HandleTracker.OpenSince(mark).Should().ContainSingle().Which.Should()
                .StartWith(nameof(SafeAlignedBufferHandle)).And.Contain(nameof(AnUndisposedHandle_IsReportedWithItsAllocation_UntilDisposed));
        }

        HandleTracker.OpenSince(mark).Should().BeEmpty();
    }
}
