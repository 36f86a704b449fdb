using System.Text.RegularExpressions;
using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>The rules for device-mapper names VirtCrypt creates: they become <c>/dev/mapper/NAME</c>.</summary>
internal static partial class MapperName
{
    internal const string Directory = "/dev/mapper";

    internal static string PathOf(string name) => $"{Directory}/{name}";

    /// <summary>Letters, digits and <c>_ . + -</c>, starting with a letter, digit or underscore, at most 127 characters.</summary>
    internal static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Pattern().IsMatch(name))
        {
            throw new InvalidNameException(
                $"'{name}' is not a valid mapping name: use 1 to 127 letters, digits and _ . + - (starting with a letter, digit or _), for example cr_mail.");
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9_.+-]{0,126}\z")]
    private static partial Regex Pattern();
}
