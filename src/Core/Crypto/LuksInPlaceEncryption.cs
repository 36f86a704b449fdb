using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>
/// LUKS2 encryption of a device where it stands, with the header at its head (what
/// <c>cryptsetup reencrypt --encrypt --reduce-device-size 2×SHIFT</c> does, through the same library calls): the header
/// is written to a file first, the library copies the device's first SHIFT bytes behind its data and records the
/// reencryption in that header, the header is then restored onto the device's head, and the data is encrypted while it
/// is shifted backwards by SHIFT. The device needs 2×SHIFT bytes behind the data; once done, the last SHIFT are free.
/// </summary>
internal static class LuksInPlaceEncryption
{
    /// <summary>libcryptsetup's name for the data-shift resilience (the only one an encryption with data shift may use).</summary>
    private const string DataShiftResilience = "datashift";

    /// <summary>
    /// Writes the new header, its keyslot and the reencryption state into <paramref name="headerFile"/> (created empty
    /// here) and lets the library move the device's first <paramref name="shiftBytes"/> behind the data. The device's
    /// head is not written.
    /// </summary>
    internal static Task InitializeAsync(
        string devicePath, string headerFile, LuksKey key, LuksFormatOptions options, long shiftBytes, ILogger logger, CancellationToken cancellationToken)
    {
        using (var created = new FileStream(headerFile, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            created.SetLength(4096);
        }

        return CryptsetupCall.RunAsync(logger, call =>
        {
            var what = $"Cannot initialise the encryption of {devicePath} in place";
            using (var context = CryptsetupProxy.InitDataDevice(call, headerFile, devicePath, what))
            {
                LuksFormatter.WriteHeader(call, context, headerFile, options with { DataOffsetBytes = shiftBytes });
                var slot = CryptsetupProxy.AddKeyslotForVolumeKey(call, context, key, what);
                using var strings = new NativeStrings();
                var luks2 = new crypt_params_luks2 { sector_size = (uint)(options.SectorSize ?? CryptsetupProxy.SectorBytes) };
                var luks2Pointer = Marshal.AllocHGlobal(Marshal.SizeOf<crypt_params_luks2>());
                try
                {
                    Marshal.StructureToPtr(luks2, luks2Pointer, fDeleteOld: false);
                    var parameters = new crypt_params_reencrypt
                    {
                        mode = CRYPT_REENCRYPT_ENCRYPT,
                        direction = CRYPT_REENCRYPT_BACKWARD,
                        resilience = strings.Add(DataShiftResilience),
                        hash = strings.Add("sha256"),
                        data_shift = (ulong)(shiftBytes / CryptsetupProxy.SectorBytes),
                        luks2 = luks2Pointer,
                        flags = CRYPT_REENCRYPT_INITIALIZE_ONLY | CRYPT_REENCRYPT_MOVE_FIRST_SEGMENT,
                    };
                    CryptsetupProxy.InitReencryption(call, context, key, slot, options.Cipher, options.CipherMode, in parameters, what);
                }
                finally
                {
                    Marshal.FreeHGlobal(luks2Pointer);
                }
            }

            using var written = new FileStream(headerFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            written.Flush(flushToDisk: true);
            return true;
        }, cancellationToken);
    }

    /// <summary>Whether the LUKS2 header of <paramref name="devicePath"/> (or a header file) records a reencryption still to finish.</summary>
    internal static bool IsInProgress(string devicePath, ILogger logger) => CryptsetupCall.Run(logger, call =>
    {
        using var context = CryptsetupProxy.LoadLuks2(call, devicePath);
        return CryptsetupProxy.ReencryptionStatus(context) is not CRYPT_REENCRYPT_NONE;
    });

    /// <summary>
    /// Runs (or resumes) the reencryption recorded in the header of <paramref name="devicePath"/>, offline, reporting the
    /// bytes done. A cancellation interrupts it between hotzones; the header keeps where it stopped.
    /// </summary>
    internal static Task RunAsync(string devicePath, LuksKey key, IProgress<(long Done, long Total)>? progress, ILogger logger, CancellationToken cancellationToken) =>
        ResumeAsync(devicePath, headerFile: null, CRYPT_REENCRYPT_ENCRYPT, key, progress, logger, cancellationToken);

    /// <summary>
    /// Runs (or resumes) the reencryption of <paramref name="mode"/> recorded in the header of <paramref name="devicePath"/>
    /// (or in the detached <paramref name="headerFile"/>); one of another mode is refused, changing nothing.
    /// </summary>
    internal static Task ResumeAsync(
        string devicePath, string? headerFile, int mode, LuksKey key, IProgress<(long Done, long Total)>? progress, ILogger logger, CancellationToken cancellationToken) =>
        CryptsetupCall.RunAsync(logger, call =>
        {
            var what = mode == CRYPT_REENCRYPT_ENCRYPT ? $"Cannot encrypt {devicePath} in place" : $"Cannot decrypt {devicePath} in place";
            using var context = CryptsetupProxy.LoadLuks2(call, devicePath, headerFile);
            var parameters = default(crypt_params_reencrypt);
            var state = CryptsetupProxy.ReencryptionStatus(context, ref parameters);
            if (state == CRYPT_REENCRYPT_NONE)
            {
                return true;
            }

            if (state == CRYPT_REENCRYPT_INVALID || parameters.mode != mode)
            {
                throw new Errors.CryptsetupException(
                    $"{what}: its LUKS2 header records a reencryption this job did not start (state {state}, mode {parameters.mode}). Nothing was changed.",
                    new Errors.NativeError(Errors.NativeLibraryKind.Cryptsetup, -CryptsetupErrors.EINVAL, call.LastError));
            }

            // As cryptsetup's own resume: no resilience given keeps the one the header records (a datashift-checksum
            // decryption would otherwise be checked against a data shift the library no longer reports).
            parameters.resilience = IntPtr.Zero;
            parameters.flags = CRYPT_REENCRYPT_RESUME_ONLY;
            CryptsetupProxy.InitReencryption(call, context, key, CRYPT_ANY_SLOT, null, null, in parameters, what);
            CryptsetupProxy.RunReencryption(
                call,
                context,
                (done, total) =>
                {
                    progress?.Report((done, total));
                    return cancellationToken.IsCancellationRequested;
                },
                what);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }, cancellationToken);
}
