namespace VirtCrypt.Copy;

/// <summary>What a finished copy did.</summary>
public sealed record CopyResult
{
    /// <summary>The source's virtual size: the bytes the target now holds from offset 0.</summary>
    public required long SourceSize { get; init; }

    /// <summary>The target's size; past <see cref="SourceSize"/> it was left untouched.</summary>
    public required long TargetSize { get; init; }

    /// <summary>True when the target is larger than the source: its tail was left as it was.</summary>
    public bool TargetTailUntouched => TargetSize > SourceSize;

    /// <summary>Where this run started (0, or the checkpoint it resumed from).</summary>
    public required long ResumedFrom { get; init; }

    /// <summary>Data bytes read from the source and written.</summary>
    public required long BytesWritten { get; init; }

    /// <summary>Zero bytes written or zeroed out on the target (a target that does not read zeros).</summary>
    public required long BytesZeroed { get; init; }

    /// <summary>Zero bytes not written because the target reads zeros there.</summary>
    public required long BytesSkipped { get; init; }

    /// <summary>True when source and target were both read and written with O_DIRECT.</summary>
    public required bool DirectIO { get; init; }

    /// <summary>True when the target was re-read and its hash matched the source's.</summary>
    public required bool Verified { get; init; }

    /// <summary>Time spent copying.</summary>
    public required TimeSpan CopyTime { get; init; }

    /// <summary>Time spent verifying.</summary>
    public required TimeSpan VerifyTime { get; init; }
}
