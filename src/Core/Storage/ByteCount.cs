using System.Globalization;

namespace VirtCrypt.Storage;

/// <summary>Byte counts for people: binary units, as LVM and lsblk print them.</summary>
internal static class ByteCount
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>"60 MiB", "1.5 GiB", "3.99 TiB"; under 1 KiB in bytes.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {Units[unit]}");
    }

    /// <summary>"60 MiB (62914560 bytes)".</summary>
    public static string WithBytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{Format(bytes)} ({bytes} bytes)");
}
