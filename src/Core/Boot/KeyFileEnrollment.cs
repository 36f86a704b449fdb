using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Boot;

/// <summary>Creates a random keyfile and adds it to a free keyslot of one or more LUKS volumes.</summary>
internal static partial class KeyFileEnrollment
{
    /// <summary>
    /// The keyslot cost used unless told otherwise: PBKDF2 with the minimum 1000 iterations, as systemd-cryptenroll
    /// does for high-entropy keys. A key derivation cost only slows the guessing of a weak passphrase; nobody guesses
    /// 4096 random bytes, and a slow keyslot would only delay every boot.
    /// </summary>
    public static PbkdfOptions KeyFilePbkdf { get; } = new() { Algorithm = PbkdfAlgorithm.Pbkdf2, Iterations = 1000 };

    /// <summary>
    /// Checks <paramref name="existingKey"/> on every device first (a wrong key or a device without LUKS changes
    /// nothing), then creates the keyfile (see <see cref="KeyFile.Create"/>) and adds it to a free keyslot of each.
    /// If adding it to the first device fails, the new keyfile is removed again.
    /// </summary>
    /// <param name="devices">The LUKS devices (logical volumes or image files).</param>
    /// <param name="existingKey">A passphrase or keyfile that opens each of them.</param>
    /// <param name="keyFilePath">The new keyfile; must not exist.</param>
    /// <param name="pbkdf">The new keyslots' key derivation cost; <see cref="KeyFilePbkdf"/> when null.</param>
    /// <param name="loggers">Loggers; none by default.</param>
    /// <param name="cancellationToken">Stops before the next device.</param>
    /// <returns>The keyslot used on each device.</returns>
    /// <exception cref="WrongPassphraseException">The existing key opens one of the devices not; nothing was changed.</exception>
    /// <exception cref="ObjectAlreadyExistsException">The keyfile exists; nothing was changed.</exception>
    public static async Task<IReadOnlyList<EnrolledKeyslot>> EnrollAsync(
        IReadOnlyList<string> devices,
        LuksKey existingKey,
        string keyFilePath,
        PbkdfOptions? pbkdf = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(existingKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFilePath);
        if (devices.Count == 0)
        {
            throw new ArgumentException("Give at least one LUKS device to add the keyfile to.", nameof(devices));
        }

        loggers ??= NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger(typeof(KeyFileEnrollment));
        var volumes = new List<LuksVolume>();
        try
        {
            foreach (var device in devices.Distinct())
            {
                volumes.Add(LuksVolume.Load(device, loggers.CreateLogger<LuksVolume>()));
                await volumes[^1].VerifyKeyAsync(existingKey, cancellationToken).ConfigureAwait(false);
            }

            var keyFile = Path.GetFullPath(keyFilePath);
            KeyFile.Create(keyFile);
            var newKey = LuksKey.FromKeyFile(keyFile);
            var enrolled = new List<EnrolledKeyslot>();
            foreach (var volume in volumes)
            {
                try
                {
                    var slot = await volume.AddKeyAsync(existingKey, newKey, pbkdf ?? KeyFilePbkdf, cancellationToken).ConfigureAwait(false);
                    enrolled.Add(new EnrolledKeyslot(volume.DevicePath, slot));
                    KeyFileAdded(logger, keyFile, volume.DevicePath, slot);
                }
                catch when (enrolled.Count == 0)
                {
                    File.Delete(keyFile);
                    throw;
                }
                catch (Exception e) when (e is VirtCryptException or OperationCanceledException)
                {
                    throw new VirtCryptException(
                        $"The keyfile {keyFile} was added to {string.Join(", ", enrolled.Select(k => $"{k.DevicePath} (keyslot {k.Keyslot})"))} but not to {volume.DevicePath}: {e.Message}",
                        innerException: e);
                }
            }

            return enrolled;
        }
        finally
        {
            volumes.ForEach(v => v.Dispose());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added the keyfile {KeyFile} to {Device}, keyslot {Slot}")]
    private static partial void KeyFileAdded(ILogger logger, string keyFile, string device, int slot);
}
