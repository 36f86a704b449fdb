using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace VirtCrypt.Cli;

/// <summary>
/// Rules checked while the command line is parsed (exit code 2): an empty name or a negative number of seconds is
/// refused with the option's own name, before a library refuses it in its own words.
/// </summary>
internal static class OptionRules
{
    internal static Option<string> NotEmpty(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} needs a value.");
            }
        });
        return option;
    }

    internal static Option<string[]> NotEmpty(this Option<string[]> option)
    {
        option.Validators.Add(result =>
        {
            if ((result.GetValueOrDefault<string[]>() ?? []).Any(string.IsNullOrWhiteSpace))
            {
                result.AddError($"{option.Name} needs a value each time it is given.");
            }
        });
        return option;
    }

    internal static Option<int> NotNegative(this Option<int> option)
    {
        option.Validators.Add(result => RefuseNegative(result, option.Name));
        return option;
    }

    internal static Option<int?> NotNegative(this Option<int?> option)
    {
        option.Validators.Add(result => RefuseNegative(result, option.Name));
        return option;
    }

    /// <summary>Reads the token itself: a value that is no number at all is reported by the conversion, not here.</summary>
    private static void RefuseNegative(OptionResult result, string name)
    {
        if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, CultureInfo.InvariantCulture, out var seconds) && seconds < 0)
        {
            result.AddError($"{name} takes a number of seconds, 0 or more.");
        }
    }
}
