namespace VirtCrypt.Crypto;

/// <summary>The password-based key derivation function that protects a keyslot.</summary>
public enum PbkdfAlgorithm
{
    /// <summary>Argon2id: memory-hard, resists GPU guessing; the LUKS2 default.</summary>
    Argon2id,

    /// <summary>Argon2i.</summary>
    Argon2i,

    /// <summary>PBKDF2: the only one LUKS1 supports.</summary>
    Pbkdf2,
}
