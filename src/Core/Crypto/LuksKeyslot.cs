namespace VirtCrypt.Crypto;

/// <summary>A keyslot in use and the cost of its key derivation.</summary>
/// <param name="Slot">The keyslot number.</param>
/// <param name="Pbkdf">The key derivation function, for example <c>argon2id</c> or <c>pbkdf2</c>.</param>
/// <param name="Iterations">PBKDF2 iterations or Argon2 passes.</param>
/// <param name="MemoryKiB">Argon2 memory cost; 0 for PBKDF2.</param>
/// <param name="Threads">Argon2 parallel threads; 0 for PBKDF2.</param>
internal sealed record LuksKeyslot(int Slot, string Pbkdf, int Iterations, int MemoryKiB, int Threads);
