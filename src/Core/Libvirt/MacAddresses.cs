using System.Security.Cryptography;
using System.Text.RegularExpressions;
using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>MAC addresses as libvirt writes them: six lower-case hex pairs separated by colons.</summary>
internal static partial class MacAddresses
{
    /// <summary>The prefix of QEMU/KVM guest NICs, the one libvirt and virt-clone generate.</summary>
    internal const string QemuPrefix = "52:54:00";

    internal static string Normalize(string mac)
    {
        var normalized = mac.Trim().ToLowerInvariant();
        return Pattern().IsMatch(normalized)
            ? normalized
            : throw new InvalidNameException($"'{mac}' is not a MAC address: write six hex pairs separated by colons, like 52:54:00:12:34:56.");
    }

    /// <summary>A random <c>52:54:00:xx:xx:xx</c> address not in <paramref name="taken"/>.</summary>
    internal static string NewRandom(IReadOnlySet<string> taken)
    {
        Span<byte> bytes = stackalloc byte[3];
        string mac;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            mac = $"{QemuPrefix}:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}";
        }
        while (taken.Contains(mac));

        return mac;
    }

    [GeneratedRegex("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
