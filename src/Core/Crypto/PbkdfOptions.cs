namespace VirtCrypt.Crypto;

/// <summary>
/// The cost of deriving a keyslot key from a passphrase. By default libcryptsetup benchmarks the machine and picks
/// the cost that takes <see cref="IterationTime"/> (Argon2 within <see cref="MemoryKiB"/> and
/// <see cref="Threads"/>); setting <see cref="Iterations"/> skips the benchmark and uses exactly the given cost.
/// The defaults are cryptsetup's own for LUKS2 (Argon2id, 2 s, 1 GiB, 4 threads); opening then takes about that long
/// on the machine that formatted the volume.
/// </summary>
public sealed record PbkdfOptions
{
    /// <summary>The algorithm; Argon2id by default.</summary>
    public PbkdfAlgorithm Algorithm { get; init; } = PbkdfAlgorithm.Argon2id;

    /// <summary>The unlock time to aim for when benchmarking; 2 seconds by default.</summary>
    public TimeSpan IterationTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Argon2 memory cost in KiB (the most it may use when benchmarking); 1 GiB by default. Ignored by PBKDF2.</summary>
    public int MemoryKiB { get; init; } = 1024 * 1024;

    /// <summary>Argon2 parallel threads (at most the CPUs online); 4 by default. Ignored by PBKDF2.</summary>
    public int Threads { get; init; } = 4;

    /// <summary>
    /// A fixed cost instead of a benchmark: PBKDF2 iterations (at least 1000) or Argon2 passes (at least 4).
    /// Null (the default) benchmarks.
    /// </summary>
    public int? Iterations { get; init; }

    /// <summary>The default for a LUKS version: Argon2id for LUKS2, PBKDF2 (2 s) for LUKS1.</summary>
    public static PbkdfOptions DefaultFor(LuksVersion version) =>
        version == LuksVersion.Luks1 ? new PbkdfOptions { Algorithm = PbkdfAlgorithm.Pbkdf2 } : new PbkdfOptions();

    internal string NativeName => Algorithm switch
    {
        PbkdfAlgorithm.Argon2id => Interop.Interop.Cryptsetup.CRYPT_KDF_ARGON2ID,
        PbkdfAlgorithm.Argon2i => Interop.Interop.Cryptsetup.CRYPT_KDF_ARGON2I,
        _ => Interop.Interop.Cryptsetup.CRYPT_KDF_PBKDF2,
    };

    /// <summary>The libcryptsetup form; its strings live in <paramref name="strings"/>.</summary>
    internal Interop.Interop.Cryptsetup.crypt_pbkdf_type ToNative(string hash, Interop.NativeStrings strings)
    {
        var argon2 = Algorithm != PbkdfAlgorithm.Pbkdf2;
        return new Interop.Interop.Cryptsetup.crypt_pbkdf_type
        {
            type = strings.Add(NativeName),
            hash = strings.Add(hash),
            time_ms = (uint)IterationTime.TotalMilliseconds,
            iterations = (uint)(Iterations ?? 0),
            max_memory_kb = argon2 ? (uint)MemoryKiB : 0,
            parallel_threads = argon2 ? (uint)Threads : 0,
            flags = Iterations is null ? 0 : Interop.Interop.Cryptsetup.CRYPT_PBKDF_NO_BENCHMARK,
        };
    }

    internal void Validate(string parameterName)
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    /// <summary>Why these costs cannot be used, or null (libcryptsetup's own limits are checked by the plan).</summary>
    internal string? Problem()
    {
        if (!Enum.IsDefined(Algorithm))
        {
            return $"Unknown PBKDF algorithm {Algorithm}.";
        }

        if (Iterations is null && IterationTime <= TimeSpan.Zero)
        {
            return $"The PBKDF iteration time must be positive, not {IterationTime.TotalMilliseconds:0} ms (or give a fixed number of iterations).";
        }

        return Algorithm != PbkdfAlgorithm.Pbkdf2 && (MemoryKiB <= 0 || Threads <= 0)
            ? $"Argon2 needs a positive memory cost and number of threads, not {MemoryKiB} KiB and {Threads} threads."
            : null;
    }
}
