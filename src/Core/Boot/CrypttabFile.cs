using VirtCrypt.Errors;

namespace VirtCrypt.Boot;

/// <summary>
/// The content of <c>/etc/crypttab</c>: its lines as they are (comments, blank lines and lines systemd would ignore
/// are kept verbatim) and the entries among them. Entries are added at the end, never twice for the same mapping
/// name or the same LUKS UUID.
/// </summary>
internal sealed class CrypttabFile
{
    /// <summary>Where systemd-cryptsetup-generator reads it.</summary>
    public const string DefaultPath = "/etc/crypttab";

    private readonly List<string> lines;

    private CrypttabFile(List<string> lines) => this.lines = lines;

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<CrypttabEntry> Entries => lines.Select(TryParse).OfType<CrypttabEntry>().ToList();

    /// <summary>Parses crypttab text; lines that are not entries are kept as they are.</summary>
    public static CrypttabFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var split = text.ReplaceLineEndings("\n").Split('\n').ToList();
        if (split[^1].Length == 0)
        {
            split.RemoveAt(split.Count - 1);
        }

        return new CrypttabFile(split);
    }

    /// <summary>
    /// Reads <paramref name="path"/> (a symbolic link is followed to the file it points to); a file that does not
    /// exist reads as an empty crypttab.
    /// </summary>
    /// <exception cref="OperationNotSupportedException">
    /// The path is a device node, FIFO, socket, directory or dangling link, not a regular file.
    /// </exception>
    public static CrypttabFile Load(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = ConfigurationFile.Resolve(path);
        return file.Existing is null ? new CrypttabFile([]) : Parse(file.ReadText());
    }

    /// <summary>
    /// Appends <paramref name="entries"/>, after a comment line when <paramref name="comment"/> is given. Adds
    /// nothing at all if one of them has the name or the LUKS UUID of an entry already there (or of another new one).
    /// </summary>
    /// <exception cref="ObjectAlreadyExistsException">An entry with the same name or UUID exists; nothing was added.</exception>
    public void Add(IReadOnlyList<CrypttabEntry> entries, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var present = new List<CrypttabEntry>(Entries);
        foreach (var entry in entries)
        {
            if (present.FirstOrDefault(e => e.Name == entry.Name) is { } sameName)
            {
                throw new ObjectAlreadyExistsException(
                    $"crypttab already has an entry for the mapping '{entry.Name}' ({sameName.Format()}); nothing was written. Remove or edit that line first.");
            }

            if (entry.Uuid is { } uuid && present.FirstOrDefault(e => e.Uuid == uuid) is { } sameUuid)
            {
                throw new ObjectAlreadyExistsException(
                    $"crypttab already opens the LUKS volume {uuid:D} as '{sameUuid.Name}' ({sameUuid.Format()}); nothing was written. Remove or edit that line first.");
            }

            present.Add(entry);
        }

        if (comment is not null)
        {
            lines.Add("# " + comment.ReplaceLineEndings(" "));
        }

        lines.AddRange(entries.Select(e => e.Format()));
    }

    /// <summary>The file's text, every line ending with a newline.</summary>
    public string ToText() => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>
    /// Writes the file atomically (a temporary file in the same directory, fsync'd, renamed over
    /// <paramref name="path"/>, the directory fsync'd), after copying the previous file to
    /// <c>PATH.virtcrypt-bak</c> (or a timestamped name if that exists). When <paramref name="path"/> is a symbolic
    /// link, the file it points to is replaced and the link stays. The previous file's permissions and owner are kept;
    /// a new file is <c>0644</c>.
    /// </summary>
    /// <returns>The backup's path, or null when there was no previous file.</returns>
    /// <exception cref="OperationNotSupportedException">
    /// The path is a device node, FIFO, socket, directory or dangling link, not a regular file; nothing was written.
    /// </exception>
    public string? Save(string path = DefaultPath) => AtomicFile.Write(path, ToText(), AtomicFile.ConfigurationMode);

    private static CrypttabEntry? TryParse(string line)
    {
        try
        {
            return CrypttabEntry.Parse(line);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
