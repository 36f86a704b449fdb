namespace VirtCrypt.Copy;

/// <summary>
/// How far a copy has durably got (its target flushed with fdatasync up to <see cref="Offset"/>). Small enough for
/// a journal to persist; pass it back as <see cref="CopyOptions.ResumeFrom"/> to continue an interrupted copy.
/// </summary>
/// <param name="SourceSize">The source's virtual size; a resume against another size is refused.</param>
/// <param name="Offset">Every byte before this offset is on the target.</param>
/// <param name="TargetReadsZeros">Whether the first run found the target reading zeros (a file it created), which a resume keeps.</param>
internal sealed record CopyCheckpoint(long SourceSize, long Offset, bool TargetReadsZeros);
