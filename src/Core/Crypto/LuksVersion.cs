namespace VirtCrypt.Crypto;

/// <summary>The on-disk LUKS header format.</summary>
public enum LuksVersion
{
    /// <summary>LUKS1: 8 keyslots, PBKDF2 only, 2 MiB data offset by default. For old systems that need it.</summary>
    Luks1 = 1,

    /// <summary>LUKS2: 32 keyslots, Argon2, labels, redundant JSON metadata, 16 MiB data offset by default.</summary>
    Luks2 = 2,
}
