using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

[TestFixture]
[Category("Native")]
public class LibvirtErrorTests
{
    private const int VirErrNoDomain = 42;
    private const int VirErrOperationInvalid = 55;
    private const int VirErrSystemError = 38;
    private const int VirFromTest = 12;

    [Test]
    public void GetDomain_Missing_ThrowsObjectNotFound_KeepingLibvirtsCodeAndDomain()
    {
        using var hypervisor = TestDriver.Connect();

        var error = hypervisor.Invoking(h => h.GetDomain("no-such-domain")).Should().Throw<ObjectNotFoundException>().Which;

        error.Message.Should().Contain("no-such-domain").And.Contain("Check the domain's name");
        error.NativeError.Should().NotBeNull();
        error.NativeError!.Library.Should().Be(NativeLibraryKind.Libvirt);
        error.NativeError.Code.Should().Be(VirErrNoDomain);
        error.NativeError.Domain.Should().Be(VirFromTest);
        error.NativeError.Message.Should().Be("Domain not found");
    }

    [Test]
    public void GetDomain_MissingUuid_ThrowsObjectNotFound()
    {
        using var hypervisor = TestDriver.Connect();

        hypervisor.Invoking(h => h.GetDomain(Guid.NewGuid()))
            .Should().Throw<ObjectNotFoundException>().Which.NativeError!.Code.Should().Be(VirErrNoDomain);
    }

    [Test]
    public void Destroy_AStoppedDomain_ThrowsInvalidOperationState()
    {
        using var hypervisor = TestDriver.Connect();
        using var stopped = hypervisor.Define(TestDriver.MinimalDomain("stopped"));

        stopped.Invoking(d => d.Destroy())
            .Should().Throw<InvalidOperationStateException>().Which.NativeError!.Code.Should().Be(VirErrOperationInvalid);
    }

    [Test]
    public void Connect_ToAnUnknownDriver_ThrowsConnectionLost()
    {
        var error = FluentActions.Invoking(() => Hypervisor.Connect("nosuchdriver:///system"))
            .Should().Throw<ConnectionLostException>().Which;

        error.Message.Should().Contain("nosuchdriver:///system").And.Contain("Check that libvirtd is running");
        error.NativeError!.Code.Should().Be(VirErrSystemError, "libvirt hands unknown URIs to its remote driver, whose socket is missing");
    }

    [Test]
    public void Errors_PrintNothingOnStandardError()
    {
        using var hypervisor = TestDriver.Connect();

        var control = StandardErrorCapture.Around(() => StandardErrorCapture.WriteNative("captured"));
        var output = StandardErrorCapture.Around(() =>
        {
            hypervisor.FindDomain("no-such-domain").Should().BeNull();
            hypervisor.Invoking(h => h.GetDomain("no-such-domain")).Should().Throw<ObjectNotFoundException>();
            FluentActions.Invoking(() => Hypervisor.Connect("nosuchdriver:///system")).Should().Throw<ConnectionLostException>();
        });

        control.Should().Be("captured", "the capture itself must see what native code writes to fd 2");
        output.Should().BeEmpty();
    }

    [Test]
    public void LastError_IsPerThread_SoConcurrentFailuresKeepTheirOwnCodes()
    {
        using var hypervisor = TestDriver.Connect();
        using var stopped = hypervisor.Define(TestDriver.MinimalDomain("stopped"));

        var codes = Enumerable.Range(0, 200).AsParallel().WithDegreeOfParallelism(4).Select(i =>
        {
            var expected = i % 2 == 0 ? VirErrNoDomain : VirErrOperationInvalid;
            Action failing = i % 2 == 0 ? () => hypervisor.GetDomain("missing").Dispose() : stopped.Destroy;
            return (Expected: expected, Actual: failing.Should().Throw<VirtCryptException>().Which.NativeError!.Code);
        }).ToList();

        codes.Should().OnlyContain(c => c.Expected == c.Actual);
    }
}
