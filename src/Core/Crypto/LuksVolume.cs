using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Crypto;

/// <summary>
/// A LUKS volume on a block device (or an image file): format, inspect, manage keyslots, back up and restore the
/// header, and open it as a dm-crypt mapping. Every libcryptsetup call is serialized; calls that derive a key from a
/// passphrase or talk to device-mapper run on a dedicated thread behind an async method.
/// </summary>
public sealed partial class LuksVolume : IDisposable
{
    private readonly SafeCryptDeviceHandle context;
    private readonly ILogger logger;

    private LuksVolume(string devicePath, SafeCryptDeviceHandle context, ILogger logger)
    {
        DevicePath = devicePath;
        this.context = context;
        this.logger = logger;
    }

    /// <summary>The device or image file that holds the LUKS header.</summary>
    public string DevicePath { get; }

    /// <summary>
    /// Formats <paramref name="devicePath"/> as LUKS and protects the new volume key with <paramref name="key"/>
    /// in the first keyslot. Refuses a device that holds a filesystem, LUKS header, LVM PV or partition table unless
    /// <see cref="LuksFormatOptions.Force"/> is set. With the default PBKDF this takes a few seconds by design.
    /// </summary>
    public static Task<LuksVolume> FormatAsync(
        string devicePath,
        LuksKey key,
        LuksFormatOptions? options = null,
        ILogger<LuksVolume>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(devicePath);
        ArgumentNullException.ThrowIfNull(key);
        options ??= new LuksFormatOptions();
        options.Validate(nameof(options));
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        return CryptsetupCall.RunAsync(log, call =>
        {
            if (!options.Force)
            {
                DeviceContentProbe.ThrowIfNotEmpty(devicePath, "format");
            }

            var context = OpenContext(call, devicePath);
            try
            {
                var slot = LuksFormatter.Format(call, context, devicePath, options, key);
                CryptsetupLogMessages.Formatted(log, devicePath, options.Version, options.Cipher, options.CipherMode, options.KeySizeBits, slot);
                return new LuksVolume(devicePath, context, log);
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    /// <summary>Reads the LUKS header (LUKS1 or LUKS2) of <paramref name="devicePath"/>.</summary>
    public static LuksVolume Load(string devicePath, ILogger<LuksVolume>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(devicePath);
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        return CryptsetupCall.Run(log, call => LoadContext(call, devicePath, log));
    }

    /// <summary>
    /// Writes the header saved by <see cref="BackupHeader"/> back onto <paramref name="devicePath"/> (replacing
    /// whatever header is there) and loads it. Keys removed since the backup work again.
    /// </summary>
    public static LuksVolume RestoreHeader(string devicePath, string backupFile, ILogger<LuksVolume>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(devicePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFile);
        var backup = Path.GetFullPath(backupFile);
        if (!File.Exists(backup))
        {
            throw new ObjectNotFoundException($"Cannot restore the LUKS header of {devicePath}: the backup file {backup} does not exist.");
        }

        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        return CryptsetupCall.Run(log, call =>
        {
            using (var context = OpenContext(call, devicePath))
            {
                CryptsetupProxy.RestoreHeader(call, context, backup, $"Cannot restore the LUKS header of {devicePath} from {backup}");
            }

            CryptsetupLogMessages.HeaderRestored(log, devicePath, backup);
            return LoadContext(call, devicePath, log);
        });
    }

    /// <summary>What the header says: version, cipher, key size, hash, data offset, sector size, label, keyslots.</summary>
    internal LuksInfo GetInfo() => CryptsetupCall.Run(logger, call => CryptsetupProxy.ReadHeader(call, context, DevicePath));

    /// <summary>
    /// Saves the header, keyslots included, to a new file (created read-only for its owner). Refuses to overwrite an
    /// existing file. Guard the backup like the key: with it, any passphrase that was valid at backup time opens the
    /// volume, even after that passphrase has been removed from the volume.
    /// </summary>
    public void BackupHeader(string backupFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFile);
        var backup = Path.GetFullPath(backupFile);
        if (Path.Exists(backup))
        {
            throw new ObjectAlreadyExistsException(
                $"Cannot back up the LUKS header of {DevicePath} to {backup}: the file exists and a backup never overwrites one; choose a new file name.");
        }

        CryptsetupCall.Run(logger, call =>
        {
            CryptsetupProxy.BackupHeader(call, context, backup, $"Cannot back up the LUKS header of {DevicePath} to {backup}");
            return true;
        });
        CryptsetupLogMessages.HeaderBackedUp(logger, DevicePath, backup);
    }

    /// <summary>Releases the libcryptsetup context; open mappings stay open.</summary>
    public void Dispose() => context.Dispose();

    private static LuksVolume LoadContext(CryptsetupCall call, string devicePath, ILogger logger)
    {
        var context = OpenContext(call, devicePath);
        try
        {
            CryptsetupProxy.Load(call, context, devicePath);
        }
        catch
        {
            context.Dispose();
            throw;
        }

        return new LuksVolume(devicePath, context, logger);
    }

    private static SafeCryptDeviceHandle OpenContext(CryptsetupCall call, string devicePath) =>
        CryptsetupProxy.Init(call, devicePath, $"Cannot use {devicePath}");
}
