using System.Text.RegularExpressions;

namespace VirtCrypt.Storage;

/// <summary>The LVM version, from liblvm2cmd's own <c>version</c> command.</summary>
internal static partial class LvmVersion
{
    internal static string OfLibrary()
    {
        using var lease = LvmCommandRunner.Acquire();
        var output = lease.Runner.Run("version");
        var match = output.Lines.Select(l => VersionLine().Match(l.Text)).FirstOrDefault(m => m.Success);
        return match?.Groups[1].Value.Trim()
            ?? throw new Errors.LvmException("liblvm2cmd's 'version' command printed no 'LVM version' line.");
    }

    [GeneratedRegex(@"^\s*LVM version:\s*(.+)$")]
    private static partial Regex VersionLine();
}
