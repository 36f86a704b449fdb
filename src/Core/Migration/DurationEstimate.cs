using System.Text.Json.Serialization;

namespace VirtCrypt.Migration;

/// <summary>
/// The expected duration of an in-place migration's encryption, and the measured rates it comes from: libcryptsetup
/// reads each byte, encrypts it and writes it back (by the data shift), one hotzone after the other with no overlap, so
/// the time is the sum of the three. Writes are assumed as fast as reads (a running guest's disk is never written to
/// measure them).
/// </summary>
public sealed record DurationEstimate
{
    [JsonConstructor]
    internal DurationEstimate(TimeSpan duration, long readBytesPerSecond, long cipherBytesPerSecond)
    {
        Duration = duration;
        ReadBytesPerSecond = readBytesPerSecond;
        CipherBytesPerSecond = cipherBytesPerSecond;
    }

    /// <summary>The expected time of the encryption of all disks (the guest's downtime is that plus seconds).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Direct reads of the first disk's volume, measured by the plan.</summary>
    public long ReadBytesPerSecond { get; }

    /// <summary>The kernel's encryption in memory (libcryptsetup's benchmark); 0 when it could not be measured.</summary>
    public long CipherBytesPerSecond { get; }

    /// <summary>How much of a volume the plan reads to measure its read rate (less on a smaller volume).</summary>
    internal const int SampleBytes = 32 << 20;

    /// <summary>
    /// The estimate for <paramref name="bytes"/> at the given rates: each byte read, encrypted and written once. A cipher
    /// rate of 0 (not measured) adds nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size or rate, or no read rate.</exception>
    internal static DurationEstimate For(long bytes, long readBytesPerSecond, long cipherBytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(readBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(cipherBytesPerSecond);
        var seconds = (2.0 * bytes / readBytesPerSecond) + (cipherBytesPerSecond > 0 ? (double)bytes / cipherBytesPerSecond : 0);
        return new DurationEstimate(TimeSpan.FromSeconds(Math.Ceiling(seconds)), readBytesPerSecond, cipherBytesPerSecond);
    }
}
