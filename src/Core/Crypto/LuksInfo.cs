namespace VirtCrypt.Crypto;

/// <summary>What a LUKS header says about a volume.</summary>
/// <param name="DevicePath">The device or image file.</param>
/// <param name="Version">LUKS1 or LUKS2.</param>
/// <param name="Uuid">The header's UUID; null when the header holds none or something that is not a UUID.</param>
/// <param name="Cipher">The cipher, for example <c>aes</c>.</param>
/// <param name="CipherMode">The cipher mode, for example <c>xts-plain64</c>.</param>
/// <param name="KeySizeBits">The volume key size in bits.</param>
/// <param name="Hash">The header hash (LUKS1) or digest hash (LUKS2); null if unknown.</param>
/// <param name="DataOffsetBytes">Where the encrypted data starts.</param>
/// <param name="SectorSize">The encryption sector size in bytes.</param>
/// <param name="Label">The LUKS2 label; null when there is none.</param>
/// <param name="Keyslots">The keyslots in use.</param>
internal sealed record LuksInfo(
    string DevicePath,
    LuksVersion Version,
    Guid? Uuid,
    string Cipher,
    string CipherMode,
    int KeySizeBits,
    string? Hash,
    long DataOffsetBytes,
    int SectorSize,
    string? Label,
    IReadOnlyList<LuksKeyslot> Keyslots);
