using VirtCrypt.Copy;

namespace VirtCrypt.Migration;

/// <summary>Where a running migration is.</summary>
/// <param name="Step">The step running now (<c>CreateLv</c>, <c>Format</c>, <c>Open</c>, <c>Copy</c>, ...).</param>
/// <param name="Disk">The disk target it concerns, or null for a step of the whole job.</param>
/// <param name="Message">What is happening, for a person.</param>
/// <param name="Copy">During the copy: bytes, rate and time left.</param>
public sealed record MigrationProgress(string Step, string? Disk, string Message, CopyProgress? Copy = null);
