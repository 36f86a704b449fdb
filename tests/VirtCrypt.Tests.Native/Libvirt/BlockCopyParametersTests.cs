using VirtCrypt.Interop;
using VirtCrypt.Libvirt;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

/// <summary>The typed parameters of a block copy, built by libvirt's own virTypedParamsAdd* and read back with virTypedParamsGet*.</summary>
[TestFixture]
[Category("Native")]
public class BlockCopyParametersTests
{
    /// <summary>libvirt's error reporting, which virTypedParamsAdd* use, needs virInitialize first (a connection does it).</summary>
    [OneTimeSetUp]
    public void InitializeLibvirt() => LibvirtEventLoop.EnsureStarted();

    [Test]
    public void Build_WithEveryTunable_HoldsEachWithItsType()
    {
        using var parameters = BlockCopyParameters.Build(new BlockCopyOptions
        {
            DestinationDevice = "/dev/mapper/cr_mail_vda",
            BandwidthBytesPerSecond = 3L << 30,
            GranularityBytes = 65536,
            BufferBytes = 8L << 20,
        });

        parameters.Count.Should().Be(3);
        parameters.GetULLong("bandwidth").Should().Be(3UL << 30, "bandwidth is an unsigned long long, beyond 32 bits here");
        parameters.GetUInt("granularity").Should().Be(65536u);
        parameters.GetULLong("buf-size").Should().Be(8UL << 20);
        parameters.GetUInt("bandwidth").Should().BeNull("a lookup with the wrong type finds nothing");
        parameters.GetULLong("absent").Should().BeNull();
    }

    [Test]
    public void Build_WithNoTunable_IsAnEmptyArray_AndFreesNothing()
    {
        var parameters = BlockCopyParameters.Build(new BlockCopyOptions { DestinationDevice = "/dev/mapper/x" });

        parameters.Count.Should().Be(0);
        parameters.IsInvalid.Should().BeTrue("libvirt allocates on the first add only");
        parameters.Dispose();
        parameters.IsClosed.Should().BeTrue();
    }

    [Test]
    public void Dispose_FreesTheArray_AndLaterUseIsRefused()
    {
        var parameters = BlockCopyParameters.Build(new BlockCopyOptions { DestinationDevice = "/dev/mapper/x", BufferBytes = 1 << 20 });
        parameters.IsInvalid.Should().BeFalse();

        parameters.Dispose();

        parameters.IsClosed.Should().BeTrue();
        parameters.Invoking(p => p.AddULLong("bandwidth", 1)).Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public void AddingANameLongerThanLibvirtAllows_Fails_AndLeavesTheArrayAsItWas()
    {
        using var parameters = new SafeTypedParametersHandle();
        parameters.AddULLong("bandwidth", 5).Should().BeTrue();

        parameters.AddUInt(new string('x', VIR_TYPED_PARAM_FIELD_LENGTH), 1).Should().BeFalse();

        LibvirtLastError.Take().Message.Should().Contain("too long");
        parameters.Count.Should().Be(1);
        parameters.GetULLong("bandwidth").Should().Be(5);
    }

    [Test]
    public void GranularityThatIsNotAPowerOfTwo_IsRefusedBeforeLibvirt() =>
        FluentActions.Invoking(() => BlockCopyParameters.Build(new BlockCopyOptions { DestinationDevice = "/dev/mapper/x", GranularityBytes = 3000 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*power of two*");

    [TestCase(false, VIR_DOMAIN_BLOCK_COPY_REUSE_EXT)]
    [TestCase(true, VIR_DOMAIN_BLOCK_COPY_REUSE_EXT | VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES)]
    public void Flags_AlwaysReuseTheDestination(bool synchronous, uint expected) =>
        BlockCopyParameters.Flags(new BlockCopyOptions { DestinationDevice = "/dev/mapper/x", SynchronousWrites = synchronous }).Should().Be(expected);
}
