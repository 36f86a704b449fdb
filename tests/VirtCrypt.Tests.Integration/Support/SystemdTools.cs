using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// systemd's own tools, run directly (the test host has no systemd as PID 1): the crypttab generator, and
/// <c>systemd-analyze verify</c>, which loads units with systemd's parser into a private manager, dumps them (at
/// debug level) and builds the start transaction.
/// </summary>
internal static class SystemdTools
{
    private const string CryptsetupGenerator = "/lib/systemd/system-generators/systemd-cryptsetup-generator";

    /// <summary>Runs the crypttab generator on <paramref name="crypttab"/>; the units land in <paramref name="output"/>.</summary>
    internal static void GenerateCryptsetupUnits(string crypttab, string output)
    {
        Directory.CreateDirectory(output);
        var (exit, stdout, stderr) = ExternalTool.RunToEnd(
            new Dictionary<string, string> { ["SYSTEMD_CRYPTTAB"] = crypttab }, CryptsetupGenerator, output, output, output);
        if (exit != 0)
        {
            throw new InvalidOperationException($"systemd-cryptsetup-generator failed ({exit}): {stdout}{stderr}");
        }
    }

    /// <summary>
    /// Loads <paramref name="unit"/> from <paramref name="unitDirectories"/> (then systemd's usual paths) as
    /// <c>systemd-analyze verify</c> does; returns its exit code, the dependencies systemd parsed for the unit
    /// (<c>"After: NAME"</c>, <c>"Wants: NAME"</c>, <c>"DropIn Path: PATH"</c>) and the whole output.
    /// </summary>
    internal static (int Exit, IReadOnlyList<string> Dependencies, string Output) Verify(string unit, IReadOnlyList<string> unitDirectories)
    {
        var (exit, stdout, stderr) = ExternalTool.RunToEnd(
            new Dictionary<string, string>
            {
                ["SYSTEMD_UNIT_PATH"] = string.Join(':', unitDirectories) + ":",
                ["SYSTEMD_LOG_LEVEL"] = "debug",
            },
            "systemd-analyze", "verify", "--man=no", unit);
        var dump = stdout.Split('\n').SkipWhile(l => l.Trim() != $"-> Unit {unit}:").Skip(1).TakeWhile(l => !l.Trim().StartsWith("-> ", StringComparison.Ordinal));
        var dependencies = dump.Select(l => l.Trim())
            .Where(l => l.StartsWith("After: ", StringComparison.Ordinal) || l.StartsWith("Wants: ", StringComparison.Ordinal)
                || l.StartsWith("DropIn Path: ", StringComparison.Ordinal))
            .Select(l => l.Split(" (")[0])
            .ToList();
        return (exit, dependencies, stdout + stderr);
    }

    /// <summary>The command line of a unit's <paramref name="key"/> (<c>ExecStart</c>, ...), split as systemd splits it.</summary>
    internal static IReadOnlyList<string> Command(string unitFile, string key)
    {
        var line = File.ReadAllLines(unitFile).Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line + " ")
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        return words;
    }
}
