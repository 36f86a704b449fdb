using VirtCrypt.Crypto;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Tests.Unit.Crypto;

[TestFixture]
[Category("Unit")]
public class LuksFormatOptionsTests
{
    [Test]
    public void Defaults_AreValid_AndUseArgon2idForLuks2_Pbkdf2ForLuks1()
    {
        var defaults = new LuksFormatOptions();

        FluentActions.Invoking(() => defaults.Validate("options")).Should().NotThrow();
        defaults.EffectivePbkdf.Should().Be(new PbkdfOptions
        {
            Algorithm = PbkdfAlgorithm.Argon2id, IterationTime = TimeSpan.FromSeconds(2), MemoryKiB = 1024 * 1024, Threads = 4,
        });
        (defaults with { Version = LuksVersion.Luks1 }).EffectivePbkdf.Algorithm.Should().Be(PbkdfAlgorithm.Pbkdf2);
    }

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return new TestCaseData(new LuksFormatOptions { Version = LuksVersion.Luks1, Pbkdf = new PbkdfOptions() }, "*LUKS1 supports only PBKDF2*");
        yield return new TestCaseData(new LuksFormatOptions { Version = LuksVersion.Luks1, Label = "x" }, "*LUKS1 has neither*");
        yield return new TestCaseData(new LuksFormatOptions { SectorSize = 3000 }, "*sector size must be 512, 1024, 2048 or 4096 bytes, not 3000*");
        yield return new TestCaseData(new LuksFormatOptions { DataOffsetBytes = 1000 }, "*multiple of 4096 bytes, not 1000*");
        yield return new TestCaseData(new LuksFormatOptions { KeySizeBits = 100 }, "*multiple of 8 bits*");
        yield return new TestCaseData(new LuksFormatOptions { Pbkdf = new PbkdfOptions { IterationTime = TimeSpan.Zero } }, "*iteration time must be positive*");
    }

    [TestCaseSource(nameof(Invalid))]
    public void Validate_RejectsWithAClearMessage(LuksFormatOptions options, string message) =>
        FluentActions.Invoking(() => options.Validate("options")).Should().Throw<ArgumentException>().WithMessage(message);

    [Test]
    public void FixedIterations_SkipTheBenchmark_AndPbkdf2CarriesNoArgon2Costs()
    {
        using var strings = new NativeStrings();

        var native = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 }.ToNative("sha512", strings);

        native.flags.Should().Be(CRYPT_PBKDF_NO_BENCHMARK);
        native.iterations.Should().Be(1000);
        (native.max_memory_kb, native.parallel_threads).Should().Be((0u, 0u));
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8(native.type).Should().Be("pbkdf2");
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8(native.hash).Should().Be("sha512");
    }

    [Test]
    public void DefaultArgon2id_Benchmarks_ForTwoSecondsWithinOneGiB()
    {
        using var strings = new NativeStrings();

        var native = new PbkdfOptions().ToNative("sha512", strings);

        (native.flags, native.time_ms, native.iterations, native.max_memory_kb, native.parallel_threads)
            .Should().Be((0u, 2000u, 0u, 1024u * 1024u, 4u));
    }
}
