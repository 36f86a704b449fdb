using System.CommandLine;
using System.CommandLine.Parsing;

namespace VirtCrypt.Cli;

/// <summary>
/// A parse error as a sentence for an administrator. A value that does not convert makes System.CommandLine name the
/// .NET type it wanted ("System.Nullable`1[System.Int32]", "VirtCrypt.Crypto.PbkdfAlgorithm"); that becomes "give a
/// whole number" or the list of allowed values.
/// </summary>
internal static class UsageErrors
{
    internal static string Describe(ParseError error)
    {
        var option = (error.SymbolResult as OptionResult ?? error.SymbolResult?.Parent as OptionResult)?.Option;
        if (option is null)
        {
            return error.Message;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var namesType = error.Message.Contains(option.ValueType.ToString(), StringComparison.Ordinal)
            || error.Message.Contains(type.ToString(), StringComparison.Ordinal);
        var expected = type.IsEnum
            ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(FileInfo) ? "the path of a file"
            : type == typeof(DirectoryInfo) ? "the path of a directory" : null;
        if (!namesType || expected is null)
        {
            return error.Message;
        }

        var tokens = error.SymbolResult!.Tokens;
        var value = tokens.Count == 0 ? null : tokens[^1].Value;
        return value is null ? $"{option.Name} takes {expected}." : $"'{value}' is not a valid value for {option.Name}: give {expected}.";
    }
}
