namespace VirtCrypt.Crypto;

/// <summary>
/// How to format a LUKS volume. The defaults are the usual choice: LUKS2, aes-xts-plain64 with a 512-bit key
/// (AES-256 in XTS mode), sha512, Argon2id with cryptsetup's own costs.
/// </summary>
public sealed record LuksFormatOptions
{
    /// <summary>LUKS2 by default; LUKS1 only for systems that cannot read LUKS2.</summary>
    public LuksVersion Version { get; init; } = LuksVersion.Luks2;

    /// <summary>The cipher; <c>aes</c> by default.</summary>
    public string Cipher { get; init; } = "aes";

    /// <summary>The cipher mode; <c>xts-plain64</c> by default.</summary>
    public string CipherMode { get; init; } = "xts-plain64";

    /// <summary>The volume key size in bits; 512 by default (XTS splits it: AES-256).</summary>
    public int KeySizeBits { get; init; } = 512;

    /// <summary>The hash for the header digest, the anti-forensic splitter and PBKDF2; <c>sha512</c> by default.</summary>
    public string Hash { get; init; } = "sha512";

    /// <summary>The key derivation for the first keyslot; null means <see cref="PbkdfOptions.DefaultFor"/> the version.</summary>
    public PbkdfOptions? Pbkdf { get; init; }

    /// <summary>
    /// LUKS2 only: the encryption sector size in bytes (512, 1024, 2048 or 4096). Null lets libcryptsetup pick the
    /// device's optimum (as the cryptsetup command does); give 512 when the data size is not a multiple of 4096.
    /// </summary>
    public int? SectorSize { get; init; }

    /// <summary>LUKS2 only: a label stored in the header (visible to <c>blkid</c>).</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Where the encrypted data starts, in bytes (a multiple of 4096). Null uses the default (16 MiB for LUKS2, 2 MiB
    /// for LUKS1). Choose it to make the mapped size exactly the device size minus this offset, for example equal
    /// to a source disk. A smaller LUKS2 offset leaves room for fewer keyslots.
    /// </summary>
    public long? DataOffsetBytes { get; init; }

    /// <summary>The header's UUID; null lets libcryptsetup generate one. Choosing it lets a caller recognize its own volume later.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>Format even a device that already holds a filesystem, LUKS header, LVM PV or partition table (destroying it).</summary>
    public bool Force { get; init; }

    internal PbkdfOptions EffectivePbkdf => Pbkdf ?? PbkdfOptions.DefaultFor(Version);

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/> when the options cannot be used.</summary>
    internal void Validate(string parameterName)
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    /// <summary>Why these options cannot format a volume, or null when they can (as far as can be told without the library).</summary>
    internal string? Problem()
    {
        if (!Enum.IsDefined(Version))
        {
            return $"Unknown LUKS version {Version}.";
        }

        if (KeySizeBits <= 0 || KeySizeBits % 8 != 0)
        {
            return $"The key size must be a positive multiple of 8 bits, not {KeySizeBits}.";
        }

        if (DataOffsetBytes is { } offset && (offset <= 0 || offset % 4096 != 0))
        {
            return $"The data offset must be a positive multiple of 4096 bytes, not {offset}.";
        }

        if (SectorSize is { } sector && (sector < 512 || sector > 4096 || (sector & (sector - 1)) != 0))
        {
            return $"The sector size must be 512, 1024, 2048 or 4096 bytes, not {sector}.";
        }

        if (Version == LuksVersion.Luks1 && (SectorSize is not (null or 512) || Label is not null))
        {
            return "LUKS1 has neither sector sizes other than 512 nor labels; use LUKS2.";
        }

        if (Version == LuksVersion.Luks1 && EffectivePbkdf.Algorithm != PbkdfAlgorithm.Pbkdf2)
        {
            return "LUKS1 supports only PBKDF2 as key derivation: choose PBKDF2, or LUKS2.";
        }

        return EffectivePbkdf.Problem();
    }
}
