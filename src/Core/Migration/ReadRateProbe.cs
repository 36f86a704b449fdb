using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Interop;

namespace VirtCrypt.Migration;

/// <summary>
/// Measures how fast a volume reads: up to <see cref="DurationEstimate.SampleBytes"/> from its head, with O_DIRECT where
/// the device allows it (so the page cache does not answer), opened read-only: nothing is written.
/// </summary>
internal static class ReadRateProbe
{
    private const int RequestBytes = 1 << 20;

    /// <summary>Bytes per second, or null when the volume cannot be read (the plan's checks say why).</summary>
    internal static long? Measure(string path, ILogger logger)
    {
        try
        {
            using var file = BlockFile.Open(path, BlockFileMode.Read, tryDirect: true, logger);
            using var buffer = SafeAlignedBufferHandle.Allocate(RequestBytes, BlockFile.DirectAlignment);
            var sample = Math.Min(file.Length, DurationEstimate.SampleBytes);
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (done < sample)
            {
                var read = file.ReadAt(done, buffer, 0, (int)Math.Min(RequestBytes, sample - done));
                if (read == 0)
                {
                    break;
                }

                done += read;
            }

            var seconds = clock.Elapsed.TotalSeconds;
            return done > 0 && seconds > 0 ? (long)(done / seconds) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Errors.VirtCryptException)
        {
            return null;
        }
    }
}
