namespace VirtCrypt.Crypto;

/// <summary>Whether the kernel can encrypt with a cipher, mode and key size, as libcryptsetup found out.</summary>
internal enum CipherAvailability
{
    /// <summary>The kernel's crypto API encrypted and decrypted with it.</summary>
    Supported,

    /// <summary>The kernel has no such cipher or mode, or refuses the key size: formatting would fail.</summary>
    Unsupported,

    /// <summary>It could not be tried here (no AF_ALG in this kernel, ...); formatting will tell.</summary>
    Unverified,
}

/// <summary>The outcome of trying a cipher: its availability, a sentence saying what was found, and its speed when measured.</summary>
internal sealed record CipherSupport(CipherAvailability Availability, string Detail, double EncryptionMiBs = 0, double DecryptionMiBs = 0);
