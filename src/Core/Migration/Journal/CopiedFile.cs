namespace VirtCrypt.Migration.Journal;

/// <summary>
/// A file or directory tree a Clone job copied for the new domain (NVRAM, TPM state), recorded before the copy began:
/// a rollback deletes it only while it holds nothing but what was copied.
/// </summary>
/// <param name="Path">Where the copy was made; one of the plan's file copy destinations.</param>
/// <param name="IsDirectory">True for a directory tree, false for a single file.</param>
/// <param name="Entries">
/// A directory's contents as copied: relative paths, subdirectories ending in '/'. Empty for a file.
/// </param>
internal sealed record CopiedFile(string Path, bool IsDirectory, IReadOnlyList<string> Entries);
