using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

/// <summary>libvirt's test driver has no block jobs: every block job call is refused as not supported, nothing else.</summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class BlockJobTests
{
    [Test]
    public void OnTheTestDriver_BlockJobsAreNotSupported()
    {
        using var hypervisor = TestDriver.Connect();
        using var domain = hypervisor.GetDomain("test");
        domain.IsActive.Should().BeTrue();

        domain.Invoking(d => d.GetBlockJob("vda")).Should().Throw<OperationNotSupportedException>()
            .WithMessage("*block job of disk 'vda' of domain 'test'*").Which.NativeError!.Code.Should().Be(3);
        domain.Invoking(d => d.StartBlockCopy("vda", new BlockCopyOptions { DestinationDevice = "/dev/mapper/cr_test_vda", BandwidthBytesPerSecond = 1 << 20 }))
            .Should().Throw<OperationNotSupportedException>().WithMessage("*block copy of disk 'vda'*/dev/mapper/cr_test_vda*");
        domain.Invoking(d => d.AbortBlockJob("vda", pivot: true)).Should().Throw<OperationNotSupportedException>().WithMessage("*pivot*");
        domain.IsActive.Should().BeTrue();
    }
}
