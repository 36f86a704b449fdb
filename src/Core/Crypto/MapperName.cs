using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>
/// The name of a device-mapper device, which appears as <c>/dev/mapper/NAME</c>: 1 to 127 characters (the kernel's
/// <c>DM_NAME_LEN</c> is 128 with the terminating NUL), letters, digits and <c># + - . : = @ _</c> (the characters
/// libdevmapper passes to udev unmangled; never '/'), and neither <c>.</c> nor <c>..</c>.
/// </summary>
internal readonly partial record struct MapperName
{
    internal const string Directory = "/dev/mapper";

    private const string DevicePathPrefix = Directory + "/";

    private readonly string? name;

    private MapperName(string name) => this.name = name;

    /// <summary>The name, without <c>/dev/mapper/</c>.</summary>
    public string Name => name ?? throw new InvalidOperationException("A default MapperName has no name: use MapperName.Parse.");

    /// <summary>The device node, <c>/dev/mapper/NAME</c>.</summary>
    public string DevicePath => PathOf(Name);

    /// <summary>The name of a device-mapper device; <see cref="InvalidNameException"/> when it breaks the rules.</summary>
    /// <param name="name">The name, without <c>/dev/mapper/</c>.</param>
    public static MapperName Parse(string name) =>
        TryParse(name, out var parsed)
            ? parsed
            : throw new InvalidNameException(
                $"'{name}' is not a device-mapper name: use 1 to 127 letters, digits and # + - . : = @ _ (not . or ..).");

    /// <summary>Whether <paramref name="name"/> is a device-mapper name; if so, the name.</summary>
    /// <param name="name">The name, without <c>/dev/mapper/</c>.</param>
    /// <param name="parsed">The name when it is one.</param>
    public static bool TryParse([NotNullWhen(true)] string? name, out MapperName parsed)
    {
        var valid = name is not null and not ("." or "..") && DeviceMapperPattern().IsMatch(name);
        parsed = valid ? new MapperName(name!) : default;
        return valid;
    }

    /// <summary>Whether <paramref name="path"/> is <c>/dev/mapper/NAME</c> with a device-mapper name; if so, the name.</summary>
    /// <param name="path">A device path, for example a disk's source.</param>
    /// <param name="parsed">The name when the path is a device-mapper node.</param>
    public static bool TryParsePath([NotNullWhen(true)] string? path, out MapperName parsed)
    {
        parsed = default;
        return path is not null && path.StartsWith(DevicePathPrefix, StringComparison.Ordinal) && TryParse(path[DevicePathPrefix.Length..], out parsed);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    internal static string PathOf(string name) => DevicePathPrefix + name;

    /// <summary>
    /// The stricter rules for names VirtCrypt creates: letters, digits and <c>_ . + -</c>, starting with a letter,
    /// digit or underscore, at most 127 characters (they also go into crypttab and systemd unit names).
    /// </summary>
    internal static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!CreatedPattern().IsMatch(name))
        {
            throw new InvalidNameException(
                $"'{name}' is not a valid mapping name: use 1 to 127 letters, digits and _ . + - (starting with a letter, digit or _), for example cr_mail.");
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9#+\-.:=@_]{1,127}\z")]
    private static partial Regex DeviceMapperPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9_.+-]{0,126}\z")]
    private static partial Regex CreatedPattern();
}
