using System.Globalization;
using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// Everything an administrator would compare between two copies of a file tree, one line per entry, sorted by path:
/// type, mode, owner, size, allocated blocks (sparse files stay sparse), modification time, link count and hard-link
/// group, symlink target, every extended attribute and the content's SHA-256. Read with find, getfattr and sha256sum.
/// </summary>
internal static class FileTreeManifest
{
    private const string Separator = " | ";

    internal static IReadOnlyList<string> Of(string root)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        var entries = Find(root);
        var xattrs = ExtendedAttributes(root);
        var hashes = ContentHashes(root);
        var linkGroups = entries.Where(e => e.Type == "f" && e.Links > 1)
            .GroupBy(e => e.Inode)
            .SelectMany(g => g.Select(e => (e.Path, Group: g.Select(x => x.Path).Order(StringComparer.Ordinal).First())))
            .ToDictionary(x => x.Path, x => x.Group, StringComparer.Ordinal);
        return entries.OrderBy(e => e.Path, StringComparer.Ordinal).Select(e => string.Join(Separator,
            "/" + e.Path,
            e.Type,
            e.Mode,
            e.Owner,
            e.Size.ToString(CultureInfo.InvariantCulture),
            "blocks=" + e.Blocks,
            "mtime=" + e.Modified,
            "links=" + e.Links.ToString(CultureInfo.InvariantCulture) + (linkGroups.TryGetValue(e.Path, out var group) ? " with /" + group : ""),
            e.Type == "l" ? "-> " + e.Target : "",
            e.Type == "f" ? hashes[e.Path] : "",
            xattrs.TryGetValue(e.Path, out var attributes) ? string.Join(' ', attributes.Order(StringComparer.Ordinal)) : "")).ToList();
    }

    private static List<Entry> Find(string root)
    {
        var output = ExternalTool.Run("find", root, "-printf", @"%P\0%y\0%m\0%U:%G\0%s\0%b\0%T@\0%n\0%i\0%l\0");
        var fields = output.Split('\0');
        var entries = new List<Entry>();
        for (var i = 0; i + 10 <= fields.Length; i += 10)
        {
            entries.Add(new Entry(
                fields[i], fields[i + 1], fields[i + 2], fields[i + 3], long.Parse(fields[i + 4], CultureInfo.InvariantCulture), fields[i + 5],
                fields[i + 6], int.Parse(fields[i + 7], CultureInfo.InvariantCulture), fields[i + 8], fields[i + 9]));
        }

        return entries;
    }

    /// <summary>Every extended attribute (user, trusted, security, system namespaces) by relative path, values in hex.</summary>
    private static Dictionary<string, List<string>> ExtendedAttributes(string root)
    {
        var output = ExternalTool.Run("getfattr", "--absolute-names", "--recursive", "--physical", "--no-dereference",
            "--dump", "--match=-", "--encoding=hex", root);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("# file: ", StringComparison.Ordinal))
            {
                var path = line["# file: ".Length..];
                var relative = path == root ? "" : path[(root.Length + 1)..];
                result[relative] = current = [];
            }
            else if (line.Length > 0 && current is not null)
            {
                current.Add(line);
            }
        }

        return result;
    }

    /// <summary>The SHA-256 of every regular file by relative path (sha256sum: one process for all, not one per file).</summary>
    private static Dictionary<string, string> ContentHashes(string root) =>
        ExternalTool.Run("find", root, "-type", "f", "-exec", "sha256sum", "{}", "+")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split("  ", 2))
            .ToDictionary(f => f[1][(root.Length + 1)..], f => f[0], StringComparer.Ordinal);

    private sealed record Entry(
        string Path, string Type, string Mode, string Owner, long Size, string Blocks, string Modified, int Links, string Inode, string Target);

    /// <summary>The lines of <paramref name="expected"/> and <paramref name="actual"/> that differ, for a readable failure.</summary>
    internal static string Difference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var text = new StringBuilder();
        foreach (var line in expected.Except(actual, StringComparer.Ordinal).Take(10))
        {
            text.Append("- ").AppendLine(line);
        }

        foreach (var line in actual.Except(expected, StringComparer.Ordinal).Take(10))
        {
            text.Append("+ ").AppendLine(line);
        }

        return text.ToString();
    }
}
