using System.Globalization;

namespace VirtCrypt.Migration;

/// <summary>
/// Sizes the LV for a disk: source (+ margin) + LUKS header, rounded up to the VG's extent size. The slack of the
/// rounding goes into the data offset rather than the mapping, so the mapping is exactly as large as the disk.
/// </summary>
internal static class VolumeSizing
{
    /// <summary>LUKS2's default data offset (and its minimum for a default header): 16 MiB.</summary>
    public const long Luks2HeaderBytes = 16L << 20;

    /// <summary>LUKS1's default data offset with 512-bit keys: 2 MiB.</summary>
    public const long Luks1HeaderBytes = 2L << 20;

    /// <summary>libcryptsetup requires a data offset that is a multiple of 4096 bytes.</summary>
    public const long DataOffsetAlignment = 4096;

    /// <summary>Computes the layout of one disk.</summary>
    /// <param name="sourceBytes">The source disk's virtual size in bytes.</param>
    /// <param name="extentBytes">The volume group's extent size in bytes.</param>
    /// <param name="headerBytes">The LUKS header's minimum size (<see cref="Luks2HeaderBytes"/> or <see cref="Luks1HeaderBytes"/>).</param>
    /// <param name="marginBytes">Extra space for the guest beyond the source size (0 for an exact copy).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or zero where it must be positive.</exception>
    public static VolumeLayout Plan(long sourceBytes, long extentBytes, long headerBytes, long marginBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extentBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(headerBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(marginBytes);
        if (extentBytes % DataOffsetAlignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(extentBytes), extentBytes, "An LVM extent size is a multiple of 4 KiB.");
        }

        var wanted = checked(sourceBytes + marginBytes);
        var mapped = RoundUp(wanted, DataOffsetAlignment);
        var lv = RoundUp(checked(mapped + RoundUp(headerBytes, DataOffsetAlignment)), extentBytes);
        var offset = lv - mapped;

        string? note = null;
        if (mapped != sourceBytes)
        {
            note = marginBytes > 0
                ? string.Create(CultureInfo.InvariantCulture, $"The guest's disk grows by {mapped - sourceBytes} bytes (the margin asked for).")
                : string.Create(CultureInfo.InvariantCulture,
                    $"The source size {sourceBytes} is not a multiple of 4096 bytes, so the encrypted disk is {mapped - sourceBytes} bytes larger; a GPT backup header will not be at the disk's end (repair it in the guest).");
        }

        return new VolumeLayout(sourceBytes, lv, offset, mapped, note);
    }

    private static long RoundUp(long value, long multiple) => checked((value + multiple - 1) / multiple * multiple);
}
