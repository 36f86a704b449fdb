namespace VirtCrypt.Copy;

/// <summary>What a copy is doing.</summary>
public enum CopyPhase
{
    /// <summary>Copying the source onto the target.</summary>
    Copying,

    /// <summary>Re-reading to compare hashes.</summary>
    Verifying,
}

/// <summary>A progress report of <see cref="BlockCopier.CopyAsync"/>.</summary>
/// <param name="Phase">Copying or verifying.</param>
/// <param name="BytesDone">Bytes of this phase done (a resumed copy starts at its checkpoint).</param>
/// <param name="BytesTotal">Bytes of this phase in all.</param>
/// <param name="BytesPerSecond">The rate so far in this phase and run.</param>
/// <param name="Remaining">The estimated time left in this phase, once there is a rate.</param>
public sealed record CopyProgress(CopyPhase Phase, long BytesDone, long BytesTotal, double BytesPerSecond, TimeSpan? Remaining);
