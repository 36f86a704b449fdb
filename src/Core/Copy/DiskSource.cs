namespace VirtCrypt.Copy;

/// <summary>The disk to copy: a file or block device and the format the domain declares for it.</summary>
/// <param name="Path">The image file or block device; it is only ever opened read-only.</param>
/// <param name="Format">The format from the domain XML; checked against the file's content.</param>
internal sealed record DiskSource(string Path, DiskFormat Format);
