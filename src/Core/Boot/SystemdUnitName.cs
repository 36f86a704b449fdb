using System.Globalization;
using System.Text;

namespace VirtCrypt.Boot;

/// <summary>systemd's unit name escaping (<c>systemd-escape</c>), for the <c>systemd-cryptsetup@NAME.service</c> units.</summary>
internal static class SystemdUnitName
{
    /// <summary>The unit systemd-cryptsetup-generator makes for the crypttab entry of mapping <paramref name="mapperName"/>.</summary>
    internal static string CryptsetupService(string mapperName) => $"systemd-cryptsetup@{Escape(mapperName)}.service";

    /// <summary>Keeps ASCII letters, digits, <c>:</c>, <c>_</c> and <c>.</c> (not leading); <c>/</c> becomes <c>-</c>; the rest <c>\xNN</c>.</summary>
    internal static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '/')
            {
                escaped.Append('-');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is ':' or '_' || (c == '.' && i > 0))
            {
                escaped.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    escaped.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                }
            }
        }

        return escaped.ToString();
    }
}
