using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;

namespace VirtCrypt.Migration;

/// <summary>
/// The plan's checks of the LUKS options against this libcryptsetup and kernel (<see cref="FormatSupport"/>): an
/// unknown cipher, a key size the cipher refuses, an unknown hash or key derivation costs beyond the library's limits
/// fail here, before a logical volume exists. The cipher benchmark takes about two seconds, so it starts first and
/// runs while the rest of the plan is made.
/// </summary>
internal sealed class FormatSupportChecks
{
    internal const string CipherCheck = "cipher is supported";
    internal const string PbkdfCheck = "hash and key derivation are supported";

    private readonly LuksFormatOptions format;
    private readonly ILogger logger;
    private readonly Task<CipherSupport>? cipher;

    private FormatSupportChecks(LuksFormatOptions format, ILogger logger, Task<CipherSupport>? cipher)
    {
        this.format = format;
        this.logger = logger;
        this.cipher = cipher;
    }

    /// <summary>Starts the cipher benchmark when the options are well-formed (malformed ones fail the "LUKS options" check instead).</summary>
    internal static FormatSupportChecks Start(LuksFormatOptions format, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(FormatSupport));
        return new FormatSupportChecks(format, logger, format.Problem() is null
            ? FormatSupport.CheckCipherAsync(format.Cipher, format.CipherMode, format.KeySizeBits, logger, cancellationToken)
            : null);
    }

    /// <summary>The kernel's encryption rate that the benchmark measured (after <see cref="AddAsync"/>); 0 when it was not measured.</summary>
    internal long EncryptionBytesPerSecond { get; private set; }

    internal async Task AddAsync(List<PlanCheck> checks, List<string> warnings)
    {
        if (cipher is null)
        {
            return;
        }

        checks.Add(FormatSupport.PbkdfProblem(format, logger) is { } problem
            ? new PlanCheck(PlanCheckId.PbkdfSupported, PbkdfCheck, false, $"libcryptsetup refuses the hash or key derivation options: {problem} Change --hash or the --pbkdf options.")
            : new PlanCheck(PlanCheckId.PbkdfSupported, PbkdfCheck, true, $"{format.Hash}, {Describe(format.EffectivePbkdf)}"));

        var support = await cipher.ConfigureAwait(false);
        EncryptionBytesPerSecond = (long)(support.EncryptionMiBs * (1 << 20));
        checks.Add(new PlanCheck(PlanCheckId.CipherSupported, CipherCheck, support.Availability != CipherAvailability.Unsupported, support.Detail));
        if (support.Availability == CipherAvailability.Unverified)
        {
            warnings.Add($"The cipher could not be checked on this host: {support.Detail}.");
        }
    }

    private static string Describe(PbkdfOptions pbkdf) => pbkdf.Algorithm == PbkdfAlgorithm.Pbkdf2
        ? $"pbkdf2, {pbkdf.Iterations?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{pbkdf.IterationTime.TotalMilliseconds:0} ms"}"
        : $"{pbkdf.Algorithm.ToString().ToLowerInvariant()}, {pbkdf.MemoryKiB} KiB, {pbkdf.Threads} threads, " +
            (pbkdf.Iterations is { } passes ? $"{passes} passes" : $"{pbkdf.IterationTime.TotalMilliseconds:0} ms");
}
