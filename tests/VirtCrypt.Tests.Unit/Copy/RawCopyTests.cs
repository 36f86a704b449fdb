using CsCheck;
using VirtCrypt.Copy;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Copy;

[TestFixture]
[Category("Unit")]
public class RawCopyTests
{
    private static readonly CopyOptions SmallRequests = new() { RequestSize = 64 << 10, CheckpointInterval = 128 << 10 };

    [Test]
    public void Copy_OfAnyLayout_OntoANewFile_IsIdenticalVerifiedAndSparse()
    {
        RawLayout.Gen.Sample(layout =>
        {
            using var dir = new TempDirectory();
            layout.WriteTo(dir.File("source"));

            var result = Copy(dir.File("source"), CopyTarget.File(dir.File("target")), SmallRequests);

            File.ReadAllBytes(dir.File("target")).Should().Equal(File.ReadAllBytes(dir.File("source")));
            result.Verified.Should().BeTrue();
            result.SourceSize.Should().Be(layout.Size);
            (result.BytesWritten + result.BytesSkipped).Should().Be(layout.Size);
            result.BytesZeroed.Should().Be(0, "a new file reads zeros: zero ranges are skipped");
            result.BytesWritten.Should().BeLessThanOrEqualTo(layout.Pieces.Where(p => p.Kind == PieceKind.Data).Sum(p => (long)p.Length) + (2 * 4096 * layout.Pieces.Count));
        }, iter: 25, threads: 1);
    }

    [Test]
    public void Copy_OfAnyLayout_OntoAnExistingNoisyFile_WritesTheZerosToo()
    {
        RawLayout.Gen.Sample(layout =>
        {
            using var dir = new TempDirectory();
            layout.WriteTo(dir.File("source"));
            var noise = new byte[layout.Size + 5000];
            new Random(layout.Seed).NextBytes(noise);
            File.WriteAllBytes(dir.File("target"), noise);

            var result = Copy(dir.File("source"), CopyTarget.File(dir.File("target")), SmallRequests);

            var target = File.ReadAllBytes(dir.File("target"));
            target.AsSpan(0, (int)layout.Size).SequenceEqual(File.ReadAllBytes(dir.File("source"))).Should().BeTrue();
            target.AsSpan((int)layout.Size).SequenceEqual(noise.AsSpan((int)layout.Size)).Should().BeTrue("the tail past the source is left alone");
            result.TargetTailUntouched.Should().BeTrue();
            (result.BytesWritten + result.BytesZeroed).Should().Be(layout.Size);
        }, iter: 20, threads: 1);
    }

    [Test]
    public void Copy_CancelledAtAnyCheckpoint_ThenResumed_IsIdentical()
    {
        Gen.Select(RawLayout.Gen, Gen.Int[1, 20], Gen.Bool).Sample((layout, stopAfter, noisyTarget) =>
        {
            using var dir = new TempDirectory();
            layout.WriteTo(dir.File("source"));
            if (noisyTarget)
            {
                WriteNoise(dir.File("target"), layout);
            }

            CopyCheckpoint? last = null;
            using var cancel = new CancellationTokenSource();
            var checkpoints = 0;
            var first = new CopyOptions
            {
                RequestSize = 64 << 10,
                CheckpointInterval = 64 << 10,
                CheckpointReached = checkpoint =>
                {
                    last = checkpoint;
                    if (++checkpoints == stopAfter)
                    {
                        cancel.Cancel();
                    }
                },
            };

            try
            {
                new BlockCopier().CopyAsync(Source(dir.File("source")), CopyTarget.File(dir.File("target")), first, null, cancel.Token).GetAwaiter().GetResult();
                checkpoints.Should().BeLessThanOrEqualTo(stopAfter, "a copy that was not cancelled ran to its end");
            }
            catch (OperationCanceledException)
            {
                checkpoints.Should().BeGreaterThanOrEqualTo(stopAfter);
            }

            last.Should().NotBeNull();
            last!.SourceSize.Should().Be(layout.Size);
            var resumed = Copy(dir.File("source"), CopyTarget.File(dir.File("target")), new CopyOptions { RequestSize = 64 << 10, ResumeFrom = last });

            File.ReadAllBytes(dir.File("target")).Should().Equal(File.ReadAllBytes(dir.File("source")));
            resumed.ResumedFrom.Should().Be(last.Offset);
            resumed.Verified.Should().BeTrue();
        }, iter: 25, threads: 1);
    }

    [Test]
    public void Copy_WithManyRequestsInFlight_ChecksPointsOnlyWrittenPrefixes_AndResumesToIdenticalBytes()
    {
        Gen.Select(RawLayout.Gen, Gen.Int[2, 16], Gen.Int[1, 30], Gen.Bool).Sample((layout, depth, stopAfter, noisyTarget) =>
        {
            using var dir = new TempDirectory();
            layout.WriteTo(dir.File("source"));
            var source = File.ReadAllBytes(dir.File("source"));
            if (noisyTarget)
            {
                WriteNoise(dir.File("target"), layout);
            }

            CopyCheckpoint? last = null;
            using var cancel = new CancellationTokenSource();
            var options = new CopyOptions
            {
                RequestSize = 64 << 10,
                RequestsInFlight = depth,
                CheckpointInterval = 64 << 10,
                CheckpointReached = checkpoint =>
                {
                    TargetPrefix(dir.File("target"), checkpoint.Offset).SequenceEqual(source.AsSpan(0, (int)checkpoint.Offset))
                        .Should().BeTrue($"everything before the checkpoint at {checkpoint.Offset} is written when it is reported");
                    (last is null || checkpoint.Offset >= last.Offset).Should().BeTrue("checkpoints only move forward");
                    last = checkpoint;
                    if (--stopAfter == 0)
                    {
                        cancel.Cancel();
                    }
                },
            };

            try
            {
                new BlockCopier().CopyAsync(Source(dir.File("source")), CopyTarget.File(dir.File("target")), options, null, cancel.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            var resumed = Copy(dir.File("source"), CopyTarget.File(dir.File("target")), new CopyOptions { RequestSize = 64 << 10, RequestsInFlight = depth, ResumeFrom = last });

            File.ReadAllBytes(dir.File("target")).AsSpan(0, source.Length).SequenceEqual(source).Should().BeTrue();
            resumed.Verified.Should().BeTrue();
        }, iter: 20, threads: 1);
    }

    [Test]
    public void Copy_Cancelled_StopsWithinARequest_AndReportsTheDurableOffset()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 8 << 20)], 7).WriteTo(dir.File("source"));
        using var cancel = new CancellationTokenSource();
        var checkpoints = new List<CopyCheckpoint>();
        long? progressAtCancel = null;
        var options = new CopyOptions
        {
            RequestSize = 64 << 10,
            RequestsInFlight = 2,
            CheckpointInterval = 1L << 40,
            CheckpointReached = checkpoints.Add,
            ProgressInterval = TimeSpan.Zero,
        };
        var progress = new SynchronousProgress(p =>
        {
            if (p.BytesDone >= 1 << 20 && progressAtCancel is null)
            {
                progressAtCancel = p.BytesDone;
                cancel.Cancel();
            }
        });

        var copy = () => new BlockCopier().CopyAsync(Source(dir.File("source")), CopyTarget.File(dir.File("target")), options, progress, cancel.Token).GetAwaiter().GetResult();

        copy.Should().Throw<OperationCanceledException>();
        checkpoints.Should().ContainSingle().Which.Offset.Should().Be(progressAtCancel!.Value);
        File.ReadAllBytes(dir.File("target")).AsSpan(0, (int)progressAtCancel.Value)
            .SequenceEqual(File.ReadAllBytes(dir.File("source")).AsSpan(0, (int)progressAtCancel.Value)).Should().BeTrue();
    }

    [Test]
    public void Checkpoints_ComeAfterBytesWritten_NotAfterHolesPassed()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 256 << 10), (PieceKind.Hole, 8 << 20), (PieceKind.Data, 256 << 10)], 5).WriteTo(dir.File("source"));
        var checkpoints = new List<CopyCheckpoint>();

        var result = Copy(dir.File("source"), CopyTarget.File(dir.File("target")),
            new CopyOptions { RequestSize = 64 << 10, CheckpointInterval = 128 << 10, CheckpointReached = checkpoints.Add });

        result.BytesSkipped.Should().Be(8 << 20);
        checkpoints.Should().HaveCountLessThanOrEqualTo(5, "512 KiB of data at 128 KiB per checkpoint, plus the last one; the 8 MiB hole costs no flush");
        checkpoints.Select(c => c.Offset).Should().BeInAscendingOrder().And.EndWith(result.SourceSize);
        File.ReadAllBytes(dir.File("target")).Should().Equal(File.ReadAllBytes(dir.File("source")));
    }

    [Test]
    public void Verify_NamesTheFirstDifferingOffset()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 300_000), (PieceKind.Hole, 200_000), (PieceKind.Data, 100_001)], 3).WriteTo(dir.File("source"));
        var copied = Copy(dir.File("source"), CopyTarget.File(dir.File("target")), new CopyOptions { Verify = false });
        copied.Verified.Should().BeFalse();
        using (var target = new FileStream(dir.File("target"), FileMode.Open))
        {
            target.Position = 412_345;
            target.WriteByte(0x5a);
        }

        var verify = () => Copy(dir.File("source"), CopyTarget.File(dir.File("target")),
            new CopyOptions { ResumeFrom = new CopyCheckpoint(copied.SourceSize, copied.SourceSize, true) });

        verify.Should().Throw<CopyVerificationException>().Which.FirstDifference.Should().Be(412_345);
    }

    [Test]
    public void Copy_OntoASmallerFile_IsRefusedBeforeWriting()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 100_000)], 1).WriteTo(dir.File("source"));
        var original = new byte[99_999];
        Array.Fill(original, (byte)0xee);
        File.WriteAllBytes(dir.File("target"), original);

        var copy = () => Copy(dir.File("source"), CopyTarget.File(dir.File("target")), new CopyOptions());

        copy.Should().Throw<InsufficientSpaceException>().WithMessage("*99999 bytes*100000*");
        File.ReadAllBytes(dir.File("target")).Should().Equal(original);
    }

    [Test]
    public void Copy_FromAFileThatIsNotThere_NamesIt()
    {
        using var dir = new TempDirectory();

        var copy = () => Copy(dir.File("missing"), CopyTarget.File(dir.File("target")), new CopyOptions());

        copy.Should().Throw<ObjectNotFoundException>().WithMessage($"*{dir.File("missing")}*");
        File.Exists(dir.File("target")).Should().BeFalse();
    }

    [Test]
    public void Copy_OntoAFileDeclaredAsBlockDevice_IsRefused()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 4096)], 1).WriteTo(dir.File("source"));
        File.WriteAllBytes(dir.File("target"), new byte[8192]);

        var copy = () => Copy(dir.File("source"), CopyTarget.BlockDevice(dir.File("target")), new CopyOptions());

        copy.Should().Throw<InvalidOperationStateException>().WithMessage("*not a block device*");
    }

    [Test]
    public void Copy_ReportsProgressUpToTheTotal()
    {
        using var dir = new TempDirectory();
        new RawLayout([(PieceKind.Data, 1 << 20), (PieceKind.Hole, 3 << 20)], 5).WriteTo(dir.File("source"));
        var reports = new List<CopyProgress>();

        new BlockCopier().CopyAsync(Source(dir.File("source")), CopyTarget.File(dir.File("target")),
            new CopyOptions { RequestSize = 64 << 10 }, new SynchronousProgress(reports.Add)).GetAwaiter().GetResult();

        reports.Should().Contain(p => p.Phase == CopyPhase.Copying && p.BytesDone == 4 << 20 && p.BytesTotal == 4 << 20);
        reports.Should().Contain(p => p.Phase == CopyPhase.Verifying && p.BytesDone == p.BytesTotal);
        reports.Where(p => p.Phase == CopyPhase.Copying).Select(p => p.BytesDone).Should().BeInAscendingOrder();
    }

    /// <summary>An existing target as large as the source, full of noise: zero ranges must be written into it.</summary>
    private static void WriteNoise(string path, RawLayout layout)
    {
        var noise = new byte[layout.Size];
        new Random(~layout.Seed).NextBytes(noise);
        File.WriteAllBytes(path, noise);
    }

    /// <summary>The first <paramref name="length"/> bytes of a target that may still be short (a growing file's tail can be a hole).</summary>
    private static byte[] TargetPrefix(string path, long length)
    {
        var bytes = new byte[length];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return bytes;
    }

    internal static DiskSource Source(string path) => new(path, DiskFormat.Raw);

    internal static CopyResult Copy(string source, CopyTarget target, CopyOptions options, DiskFormat format = DiskFormat.Raw) =>
        new BlockCopier().CopyAsync(new DiskSource(source, format), target, options).GetAwaiter().GetResult();

    /// <summary>Reports on the reporting thread, unlike Progress&lt;T&gt;, so a test sees every report in order.</summary>
    internal sealed class SynchronousProgress(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }
}
