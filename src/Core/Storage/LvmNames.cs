using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>
/// LVM's naming rules (lib/misc/lvm-string.c), checked before any command line is built: liblvm2cmd splits its
/// command line on whitespace, so a name must never be able to add an option or an argument.
/// </summary>
internal static class LvmNames
{
    /// <summary>LVM's NAME_LEN is 128 including the terminating NUL.</summary>
    internal const int MaxLength = 127;

    /// <summary>LVM refuses an LV whose "vg/lv" device-mapper form (two names plus 3) reaches NAME_LEN.</summary>
    internal const int MaxCombinedLength = MaxLength - 3;

    private const string Rules = "Use 1 to 127 of the characters a-z A-Z 0-9 + _ . - , not starting with '-'";

    private static readonly string[] ReservedPrefixes = ["pvmove", "snapshot"];

    private static readonly string[] ReservedParts =
    [
        "_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_wcorig", "_mimage", "_mlog", "_rimage", "_rmeta",
        "_tdata", "_tmeta", "_vdata", "_imeta", "_iorig", "_pmspare", "_vorigin",
    ];

    /// <summary>Validates a volume group name.</summary>
    /// <exception cref="InvalidNameException">The name breaks LVM's rules.</exception>
    internal static LvmName VolumeGroup(string name) =>
        ProblemWithName(name) is { } problem
            ? throw new InvalidNameException($"Invalid volume group name {Show(name)}: {problem}. {Rules}.")
            : new LvmName(name);

    /// <summary>Validates a logical volume name for a volume group (whose name is already valid).</summary>
    /// <exception cref="InvalidNameException">The name breaks LVM's rules.</exception>
    internal static LvmName LogicalVolume(LvmName volumeGroup, string name) =>
        ProblemWithLogicalVolumeName(volumeGroup, name) is { } problem
            ? throw new InvalidNameException($"Invalid logical volume name {Show(name)}: {problem}. {Rules}, and none of LVM's reserved names.")
            : new LvmName(name);

    /// <summary>Validates a tag: LVM's name characters (a subset of what LVM allows in tags), at most 128, no leading '-'.</summary>
    /// <exception cref="InvalidNameException">The tag breaks those rules.</exception>
    internal static LvmName Tag(string tag) =>
        ProblemWithName(tag) is { } problem
            ? throw new InvalidNameException($"Invalid LVM tag {Show(tag)}: {problem}. {Rules}.")
            : new LvmName(tag);

    /// <summary>A name LVM itself reported; it follows LVM's rules unless something is badly wrong.</summary>
    /// <exception cref="LvmException">LVM reported a name that breaks its own rules.</exception>
    internal static LvmName Reported(string name) =>
        ProblemWithName(name) is { } problem
            ? throw new LvmException($"LVM reported the name {Show(name)}, which VirtCrypt cannot use: {problem}.")
            : new LvmName(name);

    /// <summary>
    /// The device-mapper name LVM gives the LV's device (libdm's dm_build_dm_name): <c>VG-LV</c>, with every '-' inside
    /// either name doubled, so that <c>vg-a</c>/<c>b</c> and <c>vg</c>/<c>a-b</c> stay apart.
    /// </summary>
    internal static string DeviceMapperName(LvmName volumeGroup, LvmName logicalVolume) =>
        $"{volumeGroup.Value.Replace("-", "--", StringComparison.Ordinal)}-{logicalVolume.Value.Replace("-", "--", StringComparison.Ordinal)}";

    /// <summary>The two device nodes of a logical volume: <c>/dev/VG/LV</c> and <c>/dev/mapper/VG-LV</c> (see <see cref="DeviceMapperName"/>).</summary>
    internal static string[] DevicePaths(LvmName volumeGroup, LvmName logicalVolume) =>
        [$"/dev/{volumeGroup.Value}/{logicalVolume.Value}", MapperName.PathOf(DeviceMapperName(volumeGroup, logicalVolume))];

    /// <summary>Why <paramref name="name"/> cannot be a VG or LV name, or null when it can.</summary>
    internal static string? ProblemWithName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the name is empty";
        }

        if (name[0] == '-')
        {
            return "it starts with '-'";
        }

        if (name is "." or "..")
        {
            return "'.' and '..' are not names";
        }

        if (name.Length > MaxLength)
        {
            return $"it has {name.Length} characters, more than {MaxLength}";
        }

        var bad = name.Where(c => !IsNameCharacter(c)).Select(c => (char?)c).FirstOrDefault();
        return bad is { } c ? $"it contains {Describe(c)}" : null;
    }

    /// <summary>Why <paramref name="name"/> cannot be an LV name in <paramref name="volumeGroup"/>, or null when it can.</summary>
    internal static string? ProblemWithLogicalVolumeName(LvmName volumeGroup, string? name)
    {
        if (ProblemWithName(name) is { } problem)
        {
            return problem;
        }

        if (ReservedPrefixes.FirstOrDefault(p => name!.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
        {
            return $"names starting with \"{prefix}\" are reserved by LVM";
        }

        if (ReservedParts.FirstOrDefault(p => name!.Contains(p, StringComparison.Ordinal)) is { } part)
        {
            return $"names containing \"{part}\" are reserved by LVM";
        }

        var combined = volumeGroup.Value.Length + name!.Length;
        return combined > MaxCombinedLength
            ? $"together with the volume group name \"{volumeGroup}\" it has {combined} characters, more than {MaxCombinedLength}"
            : null;
    }

    /// <summary>A name for an error message: quoted, control and non-ASCII characters escaped, long names cut.</summary>
    internal static string Show(string? name)
    {
        if (name is null)
        {
            return "(null)";
        }

        const int shown = 64;
        var escaped = string.Concat(name.Take(shown).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
        return $"\"{escaped}\"" + (name.Length > shown ? $"... ({name.Length} characters)" : "");
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-';

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '/' => "'/'",
        _ when c is > ' ' and <= '~' => $"'{c}'",
        _ => $"the character U+{(int)c:X4}",
    };
}
