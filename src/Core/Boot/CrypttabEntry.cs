using System.Globalization;
using VirtCrypt.Crypto;

namespace VirtCrypt.Boot;

/// <summary>
/// One line of <c>/etc/crypttab</c> (see crypttab(5)): the mapping name, the encrypted device, the key
/// (<c>none</c> asks for a passphrase at boot) and the options, for example
/// <c>cr_mail_vda UUID=5f0c... none luks,discard</c>.
/// </summary>
/// <param name="Name">The mapping's name: it appears as <c>/dev/mapper/NAME</c>.</param>
/// <param name="Device">The encrypted device: <c>UUID=...</c>, a path, <c>PARTUUID=...</c>, ...</param>
/// <param name="KeyFile">The keyfile's path; null when the passphrase is asked at boot (<c>none</c> or <c>-</c>).</param>
/// <param name="Options">The options (<c>luks</c>, <c>discard</c>, <c>nofail</c>, ...), in order.</param>
internal sealed record CrypttabEntry(string Name, string Device, string? KeyFile, IReadOnlyList<string> Options)
{
    private const string UuidPrefix = "UUID=";
    private const string ByUuidDirectory = "/dev/disk/by-uuid/";
    private static readonly char[] FieldSeparators = [' ', '\t'];

    /// <summary>The LUKS UUID the device field names (<c>UUID=...</c> or <c>/dev/disk/by-uuid/...</c>), if it names one.</summary>
    public Guid? Uuid
    {
        get
        {
            var device = Device.Trim('"');
            var text = device.StartsWith(UuidPrefix, StringComparison.OrdinalIgnoreCase) ? device[UuidPrefix.Length..]
                : device.StartsWith(ByUuidDirectory, StringComparison.Ordinal) ? device[ByUuidDirectory.Length..]
                : null;
            return Guid.TryParse(text, CultureInfo.InvariantCulture, out var uuid) ? uuid : null;
        }
    }

    /// <summary>Whether discards (TRIM) pass through the mapping.</summary>
    public bool AllowsDiscards => Options.Contains("discard", StringComparer.Ordinal);

    /// <summary>
    /// The entry for a LUKS volume identified by its UUID: <c>NAME UUID=uuid none|KEYFILE luks[,discard]</c>.
    /// </summary>
    /// <param name="name">The mapping's name (device-mapper rules: letters, digits and <c>_ . + -</c>).</param>
    /// <param name="luksUuid">The UUID of the LUKS header.</param>
    /// <param name="keyFile">An absolute keyfile path, or null to ask for the passphrase at boot.</param>
    /// <param name="allowDiscards">Whether to add <c>discard</c>.</param>
    /// <exception cref="Errors.InvalidNameException">The name breaks the device-mapper naming rules.</exception>
    /// <exception cref="ArgumentException">The keyfile path is relative or contains white space.</exception>
    public static CrypttabEntry ForLuks(string name, Guid luksUuid, string? keyFile, bool allowDiscards)
    {
        MapperName.Validate(name);
        if (keyFile is not null && (!Path.IsPathFullyQualified(keyFile) || keyFile.IndexOfAny(FieldSeparators) >= 0))
        {
            throw new ArgumentException(
                $"The keyfile path '{keyFile}' cannot go into /etc/crypttab: give an absolute path without spaces.", nameof(keyFile));
        }

        return new CrypttabEntry(name, UuidPrefix + luksUuid.ToString("D"), keyFile, allowDiscards ? ["luks", "discard"] : ["luks"]);
    }

    /// <summary>
    /// Parses one line. Returns null for a blank line or a comment; throws <see cref="FormatException"/> for a line
    /// that is neither (systemd ignores such lines).
    /// </summary>
    public static CrypttabEntry? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return null;
        }

        var fields = trimmed.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 2 or > 4)
        {
            throw new FormatException($"'{line}' is not a crypttab entry: it needs 2 to 4 fields (name, device, key, options).");
        }

        var key = fields.Length > 2 && fields[2] is not ("none" or "-") ? fields[2] : null;
        var options = fields.Length > 3 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        return new CrypttabEntry(fields[0], fields[1], key, options);
    }

    /// <summary>The crypttab line, without a newline.</summary>
    public string Format() =>
        Options.Count == 0 ? $"{Name} {Device} {KeyFile ?? "none"}" : $"{Name} {Device} {KeyFile ?? "none"} {string.Join(',', Options)}";

    /// <summary>Whether both entries have the same fields (the options in the same order).</summary>
    public bool Equals(CrypttabEntry? other) =>
        other is not null && Name == other.Name && Device == other.Device && KeyFile == other.KeyFile && Options.SequenceEqual(other.Options);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Device, KeyFile, Options.Count);

    /// <summary>The crypttab line.</summary>
    public override string ToString() => Format();
}
