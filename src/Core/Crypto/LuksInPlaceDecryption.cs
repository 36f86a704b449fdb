using Microsoft.Extensions.Logging;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// LUKS2 decryption of a device whose header is at its head, moving the data back to offset 0 (what
/// <c>cryptsetup reencrypt --decrypt --header FILE</c> does for such a device since 2.6.0, through the same calls; read
/// in src/utils_reencrypt.c, decrypt_luks2_datashift_init, and lib/luks2/luks2_reencrypt.c of v2.6.1): the header is
/// exported to a file, the device's head is wiped, the library moves the first encrypted segment to offset 0 and
/// records the decryption in the file, then decrypts forwards, each plain block landing one header size lower. The
/// file is the only state from the wipe on: once finished it holds a single linear segment at offset 0, and the
/// device's first (size − header) bytes are the plain data.
/// </summary>
internal static class LuksInPlaceDecryption
{
    /// <summary>The resilience libcryptsetup requires for a decryption that moves the first segment (the CLI's default).</summary>
    private const string Resilience = "datashift-checksum";

    /// <summary>
    /// Exports the header of <paramref name="devicePath"/>, keyslots included, into the new file <paramref name="headerFile"/>
    /// (readable and writable by its owner only: the library records the decryption there) and flushes it to disk.
    /// </summary>
    internal static void ExportHeader(string devicePath, string headerFile, ILogger logger) => CryptsetupCall.Run(logger, call =>
    {
        using (var context = CryptsetupProxy.LoadLuks2(call, devicePath))
        {
            CryptsetupProxy.BackupHeader(call, context, headerFile, $"Cannot export the LUKS2 header of {devicePath} to {headerFile}", CRYPT_LUKS2);
        }

        File.SetUnixFileMode(headerFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using (var written = new FileStream(headerFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            written.Flush(flushToDisk: true);
        }

        return true;
    });

    /// <summary>
    /// Zeroes the header area at the head of <paramref name="devicePath"/> (everything before the data, which the exported
    /// <paramref name="headerFile"/> describes): from here on only the file holds the volume's header.
    /// </summary>
    internal static void WipeHead(string devicePath, string headerFile, ILogger logger) => CryptsetupCall.Run(logger, call =>
    {
        using var context = CryptsetupProxy.LoadLuks2(call, devicePath, headerFile);
        CryptsetupProxy.WipeHeader(call, context, $"Cannot wipe the LUKS2 header at the head of {devicePath}");
        return true;
    });

    /// <summary>
    /// Records the decryption in <paramref name="headerFile"/> and moves the first encrypted segment to offset 0 of
    /// <paramref name="devicePath"/>; <see cref="LuksInPlaceEncryption.ResumeAsync"/> then runs it.
    /// </summary>
    internal static Task InitializeAsync(string devicePath, string headerFile, LuksKey key, ILogger logger, CancellationToken cancellationToken) =>
        CryptsetupCall.RunAsync(logger, call =>
        {
            var what = $"Cannot start the decryption of {devicePath} in place";
            using var context = CryptsetupProxy.LoadLuks2(call, devicePath, headerFile);
            using var strings = new NativeStrings();
            var parameters = new crypt_params_reencrypt
            {
                mode = CRYPT_REENCRYPT_DECRYPT,
                direction = CRYPT_REENCRYPT_FORWARD,
                resilience = strings.Add(Resilience),
                hash = strings.Add("sha256"),
                data_shift = CryptsetupProxy.DataOffsetSectors(context),
                flags = CRYPT_REENCRYPT_INITIALIZE_ONLY | CRYPT_REENCRYPT_MOVE_FIRST_SEGMENT,
            };
            CryptsetupProxy.InitReencryption(call, context, key, CRYPT_ANY_SLOT, null, null, in parameters, what);
            return true;
        }, cancellationToken);

    /// <summary>Runs (or resumes) the decryption <paramref name="headerFile"/> records, reporting the bytes done.</summary>
    internal static Task RunAsync(
        string devicePath, string headerFile, LuksKey key, IProgress<(long Done, long Total)>? progress, ILogger logger, CancellationToken cancellationToken) =>
        LuksInPlaceEncryption.ResumeAsync(devicePath, headerFile, CRYPT_REENCRYPT_DECRYPT, key, progress, logger, cancellationToken);

    /// <summary>Whether the exported header in <paramref name="headerFile"/> records a finished decryption (its data at offset 0, nothing to do).</summary>
    internal static bool IsFinished(string headerFile, ILogger logger) => CryptsetupCall.Run(logger, call =>
    {
        using var context = CryptsetupProxy.LoadLuks2(call, headerFile);
        return CryptsetupProxy.ReencryptionStatus(context) == CRYPT_REENCRYPT_NONE && CryptsetupProxy.DataOffsetBytes(context) == 0;
    });
}
