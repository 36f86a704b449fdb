using System.Globalization;

namespace VirtCrypt.Storage;

/// <summary>
/// A liblvm2cmd command line, built word by word. <c>lvm2_run</c> splits its string on whitespace, starts a quoted
/// word at a leading quote and ends the line at a word starting with '#'; so every word here is checked to be one
/// plain word, positional words come only from validated names and paths, and options only from our own constants.
/// </summary>
internal sealed class LvmCommandLine
{
    /// <summary>lvm2_run's MAX_ARGS is 64, including the command.</summary>
    internal const int MaxWords = 63;

    private readonly List<string> words = [];

    private LvmCommandLine(string command, bool changesMetadata)
    {
        ChangesMetadata = changesMetadata;
        words.Add(Checked(command));
    }

    /// <summary>Whether the command changes LVM metadata or device state (reports and displays do not).</summary>
    internal bool ChangesMetadata { get; }

    /// <summary>A command that only reads (vgs, lvs, pvs, lvdisplay, version).</summary>
    internal static LvmCommandLine Query(string command) => new(command, changesMetadata: false);

    /// <summary>
    /// A command that changes something. It runs with <c>--quiet --quiet</c>, which makes LVM answer "no" to any
    /// prompt: an in-process library must never wait for an answer on the terminal. Pass <c>--yes</c> explicitly
    /// where "yes" is the wanted answer.
    /// </summary>
    internal static LvmCommandLine Change(string command) => new LvmCommandLine(command, changesMetadata: true).Option("--quiet").Option("--quiet");

    internal LvmCommandLine Option(string option)
    {
        if (!IsOptionName(option))
        {
            throw new ArgumentException($"'{option}' is not an LVM option name.", nameof(option));
        }

        return Add(option);
    }

    internal LvmCommandLine Option(string option, string value) => Option(option).Add(Checked(value));

    /// <summary>A size option in bytes (<c>--size 4194304b</c>): LVM never guesses units.</summary>
    internal LvmCommandLine Option(string option, long bytes) =>
        Option(option, bytes.ToString(CultureInfo.InvariantCulture) + "b");

    internal LvmCommandLine Argument(LvmName name) => Add(Checked(name.Value));

    internal LvmCommandLine Argument(LvmName volumeGroup, LvmName logicalVolume) =>
        Add(Checked($"{volumeGroup.Value}/{logicalVolume.Value}"));

    internal LvmCommandLine Argument(LvmDevicePath device) => Add(Checked(device.Value));

    public override string ToString() => string.Join(' ', words);

    private static bool IsOptionName(string option) =>
        option.Length >= 2 && option[0] == '-' && option.Skip(1).All(c => char.IsAsciiLetterLower(c) || c == '-');

    /// <summary>One plain word that is not an option: a stricter alphabet than lvm2_run needs, no leading '-'.</summary>
    private static string Checked(string word)
    {
        var plain = word.Length > 0
            && word[0] != '-'
            && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-' or ',' or '=' or ':' or '/');
        return plain ? word : throw new ArgumentException($"{LvmNames.Show(word)} is not a plain LVM command-line word.", nameof(word));
    }

    private LvmCommandLine Add(string word)
    {
        if (words.Count == MaxWords)
        {
            throw new ArgumentException($"An LVM command line holds at most {MaxWords} words.", nameof(word));
        }

        words.Add(word);
        return this;
    }
}
