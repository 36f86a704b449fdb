namespace VirtCrypt.Crypto;

/// <summary>How to open a LUKS volume as a device-mapper mapping.</summary>
internal sealed record MappingOptions
{
    /// <summary>
    /// Pass discards (TRIM, fstrim in the guest) through to the device underneath. Good for SSDs, but it reveals
    /// which blocks are unused; off by default.
    /// </summary>
    public bool AllowDiscards { get; init; }

    /// <summary>Map read-only.</summary>
    public bool ReadOnly { get; init; }
}
