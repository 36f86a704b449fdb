using System.Security.Cryptography;
using System.Text.RegularExpressions;
using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>MAC addresses as libvirt writes them: six lower-case hex pairs separated by colons.</summary>
internal static partial class MacAddresses
{
    /// <summary>The prefix of QEMU/KVM guest NICs, the one libvirt and virt-clone generate.</summary>
    internal const string QemuPrefix = "52:54:00";

    /// <summary>The address in libvirt's form (lower case).</summary>
    /// <exception cref="InvalidNameException">It is malformed, multicast or all zeros (see <see cref="ProblemWith"/>).</exception>
    internal static string Normalize(string mac) =>
        ProblemWith(mac) is { } problem ? throw new InvalidNameException(problem) : mac.Trim().ToLowerInvariant();

    /// <summary>
    /// Why <paramref name="mac"/> cannot be a network card's address, or null when it can: six hex pairs separated by
    /// colons, unicast (the lowest bit of the first octet clear: a multicast or broadcast address is never a card's
    /// own) and not all zeros.
    /// </summary>
    internal static string? ProblemWith(string mac)
    {
        var normalized = mac.Trim().ToLowerInvariant();
        if (!Pattern().IsMatch(normalized))
        {
            return $"'{mac}' is not a MAC address: write six hex pairs separated by colons, like 52:54:00:12:34:56.";
        }

        if ((Convert.ToByte(normalized[..2], 16) & 1) != 0)
        {
            return $"{normalized} is a multicast address (the lowest bit of its first octet is set), which no network card may have: give a unicast address, like 52:54:00:12:34:56.";
        }

        return normalized == "00:00:00:00:00:00"
            ? $"{normalized} is not a usable address: give a unicast address, like 52:54:00:12:34:56."
            : null;
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
