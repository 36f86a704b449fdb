using System.Globalization;
using Microsoft.Extensions.Logging;

namespace VirtCrypt.Crypto;

/// <summary>
/// Asks this libcryptsetup and kernel whether <see cref="LuksFormatOptions"/> can be used, before anything is formatted:
/// the cipher through <c>crypt_benchmark</c> (the kernel's crypto API, which dm-crypt uses), the hash and the key
/// derivation's type and costs through <c>crypt_set_pbkdf_type</c> on a context without a device (libcryptsetup's own
/// limits, such as Argon2's 4 GiB memory maximum).
/// </summary>
internal static class FormatSupport
{
    private const int ENOENT = 2;
    private const int EINVAL = 22;
    private const int ERANGE = 34;
    private const int ENOTSUP = 95;

    /// <summary>The buffer cryptsetup's own benchmark uses: the speeds are comparable with <c>cryptsetup benchmark</c>.</summary>
    private const int BenchmarkBufferBytes = 1 << 20;

    private static readonly Dictionary<(string Cipher, string Mode, int KeyBits), CipherSupport> Known = [];

    /// <summary>
    /// Tries <paramref name="cipher"/> in <paramref name="cipherMode"/> with a <paramref name="keyBits"/>-bit key.
    /// The benchmark takes about two seconds; its outcome is kept for the rest of the process.
    /// </summary>
    internal static async Task<CipherSupport> CheckCipherAsync(
        string cipher, string cipherMode, int keyBits, ILogger logger, CancellationToken cancellationToken)
    {
        var mode = cipherMode.Split('-', 2)[0];
        var key = (cipher, mode, keyBits);
        lock (Known)
        {
            if (Known.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        if (cipher.StartsWith("capi:", StringComparison.Ordinal))
        {
            return new CipherSupport(CipherAvailability.Unverified,
                $"{cipher}-{cipherMode} is written in the kernel's own notation, which libcryptsetup's benchmark does not take: it is checked when the volume is formatted");
        }

        var support = await CryptsetupCall.RunAsync(logger, _ =>
        {
            var errno = CryptsetupProxy.Benchmark(cipher, mode, keyBits / 8, BenchmarkBufferBytes, out var encryption, out var decryption);
            return Interpret(errno, cipher, cipherMode, mode, keyBits, encryption, decryption);
        }, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (Known)
        {
            Known[key] = support;
        }

        return support;
    }

    /// <summary>
    /// Why libcryptsetup refuses the key derivation and hash of <paramref name="options"/> (its own error line), or null
    /// when it accepts them.
    /// </summary>
    internal static string? PbkdfProblem(LuksFormatOptions options, ILogger logger) =>
        CryptsetupCall.Run(logger, call => CryptsetupProxy.PbkdfRefusal(call, options.EffectivePbkdf, options.Hash));

    private static CipherSupport Interpret(int errno, string cipher, string cipherMode, string mode, int keyBits, double encryption, double decryption)
    {
        var spec = $"{cipher}-{cipherMode} with a {keyBits}-bit key";
        return errno switch
        {
            0 => new CipherSupport(CipherAvailability.Supported, string.Create(CultureInfo.InvariantCulture,
                $"{spec}: the kernel encrypts {encryption:0.#} MiB/s and decrypts {decryption:0.#} MiB/s (in memory, one core)"), encryption, decryption),
            ERANGE => new CipherSupport(CipherAvailability.Supported, $"{spec}: the kernel encrypts and decrypts with it"),
            ENOENT => new CipherSupport(CipherAvailability.Unsupported,
                $"The kernel's crypto API has no {mode}({cipher}), so dm-crypt cannot use {cipher}-{cipherMode}: choose a cipher the kernel has, such as aes-xts-plain64 (/proc/crypto lists the loaded ones)."),
            EINVAL => new CipherSupport(CipherAvailability.Unsupported,
                $"The kernel refuses a {keyBits}-bit key for {mode}({cipher}): choose a key size the cipher takes (XTS takes two keys: 256 or 512 bits for AES)."),
            ENOTSUP => new CipherSupport(CipherAvailability.Unverified,
                $"{spec} was not verified: this kernel offers no crypto interface to programs (AF_ALG, module algif_skcipher), so libcryptsetup cannot try the cipher here; formatting will tell"),
            _ => new CipherSupport(CipherAvailability.Unverified,
                $"{spec} was not verified: libcryptsetup's benchmark failed with error {-errno}; formatting will tell"),
        };
    }
}
