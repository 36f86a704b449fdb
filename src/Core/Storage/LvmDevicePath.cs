using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>
/// A block device path for a physical volume, checked so that it can only ever be one plain argument of an LVM
/// command line: absolute under /dev, no "..", only <c>a-z A-Z 0-9 + _ . - : /</c>.
/// </summary>
internal readonly record struct LvmDevicePath
{
    private const int MaxLength = 1024;

    private LvmDevicePath(string value) => Value = value;

    internal string Value { get; }

    /// <summary>Validates a device path; it must exist.</summary>
    /// <exception cref="InvalidNameException">The path is not a plain path under /dev.</exception>
    /// <exception cref="ObjectNotFoundException">Nothing exists at the path.</exception>
    internal static LvmDevicePath Of(string path)
    {
        if (ProblemWith(path) is { } problem)
        {
            throw new InvalidNameException(
                $"Invalid device path {LvmNames.Show(path)}: {problem}. Give the device's plain path, for example /dev/sdb or /dev/md0.");
        }

        return File.Exists(path)
            ? new LvmDevicePath(path)
            : throw new ObjectNotFoundException($"Device {path} does not exist. Check the path (lsblk lists block devices).");
    }

    /// <summary>Why <paramref name="path"/> cannot be passed to LVM as a device, or null when it can.</summary>
    internal static string? ProblemWith(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("/dev/", StringComparison.Ordinal) || path.Length == "/dev/".Length)
        {
            return "it is not a path under /dev/";
        }

        if (path.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (path.Split('/').Any(part => part is "." or ".."))
        {
            return "it contains '.' or '..' components";
        }

        return path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-' or ':' or '/'))
            ? "it contains characters other than a-z A-Z 0-9 + _ . - : /"
            : null;
    }

    public override string ToString() => Value;
}
