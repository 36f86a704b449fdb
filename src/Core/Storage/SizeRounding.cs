namespace VirtCrypt.Storage;

/// <summary>A requested size rounded up to whole extents of a volume group, as LVM allocates it.</summary>
/// <param name="RequestedBytes">The size asked for.</param>
/// <param name="ExtentSizeBytes">The volume group's extent size.</param>
/// <param name="Extents">How many extents hold the requested size.</param>
internal sealed record SizeRounding(long RequestedBytes, long ExtentSizeBytes, long Extents)
{
    /// <summary>The size actually allocated: <see cref="Extents"/> times <see cref="ExtentSizeBytes"/>.</summary>
    public long AllocatedBytes => Extents * ExtentSizeBytes;

    /// <summary>How many bytes the rounding added (0 when the request was a whole number of extents).</summary>
    public long AddedBytes => AllocatedBytes - RequestedBytes;

    /// <summary>Whether the request had to be rounded up.</summary>
    public bool IsRounded => AddedBytes != 0;

    /// <summary>Rounds <paramref name="requestedBytes"/> up to whole extents of <paramref name="extentSizeBytes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static SizeRounding RoundUp(long requestedBytes, long extentSizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extentSizeBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestedBytes, long.MaxValue - extentSizeBytes);
        var extents = requestedBytes / extentSizeBytes + (requestedBytes % extentSizeBytes == 0 ? 0 : 1);
        return new SizeRounding(requestedBytes, extentSizeBytes, extents);
    }
}
