using VirtCrypt.Interop;

namespace VirtCrypt.Tests.Unit.Interop;

[TestFixture]
[Category("Unit")]
public class NativeLogCaptureTests
{
    [Test]
    public void Deliver_GoesToTheInnermostSinkOfTheThread_AndScopesRestoreThePreviousOne()
    {
        var capture = new NativeLogCapture();
        var outer = new List<string>();
        var inner = new List<string>();

        using (capture.Capture((_, m) => outer.Add(m)))
        {
            capture.Deliver(1, "a");
            using (capture.Capture((_, m) => inner.Add(m)))
            {
                capture.Deliver(1, "b");
            }

            capture.Deliver(1, "c");
        }

        capture.Deliver(1, "dropped");
        outer.Should().Equal("a", "c");
        inner.Should().Equal("b");
    }

    [Test]
    public void Deliver_OnAnotherThread_DoesNotReachThisThreadsSink()
    {
        var capture = new NativeLogCapture();
        var seen = new List<string>();
        using (capture.Capture((_, m) => seen.Add(m)))
        {
            var other = new Thread(() => capture.Deliver(1, "elsewhere"));
            other.Start();
            other.Join();
            capture.Deliver(1, "here");
        }

        seen.Should().Equal("here");
    }
}
