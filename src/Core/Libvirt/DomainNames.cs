using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>The rules libvirt applies to domain names, checked before anything is changed.</summary>
internal static class DomainNames
{
    internal static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new InvalidNameException(
                $"'{name}' is not a valid domain name: it must be non-empty, without '/' or control characters.");
        }
    }
}
