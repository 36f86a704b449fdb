using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place: prepares the LUKS2 header with the plan's UUID and the reencryption state in a file of the job store
/// (libcryptsetup meanwhile copies the volume's first segment behind its data), then writes it onto the volume's head.
/// Until that file is complete the head is never written, so an interrupted run starts afresh; once it is complete
/// only the restore is repeated (the head may already be overwritten, its data lives in the copy behind). Undo, once
/// the header is on the volume, decrypts the volume back to its plain data and old size (<see cref="InPlaceRollback"/>).
/// </summary>
internal sealed class InitEncryptionStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    private readonly InPlaceVolume lv = new(context, disk);

    public string Name => StepName.InitEncryption;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        var device = volume.DevicePath;
        if (!lv.HeadIsTheJobs(device))
        {
            lv.RequireSize(volume, lv.EncryptingBytes);
            if (!IsCompleteHeaderFile())
            {
                JobFiles.DeleteOwnFile(context, lv.HeaderFile, recorded: true, "an unfinished LUKS2 header");
                context.Report(Name, disk.Target, $"preparing the LUKS2 header of {device} (encryption with a data shift of {ByteCount.Format(lv.ShiftBytes)})");
                await LuksInPlaceEncryption.InitializeAsync(
                    device, lv.HeaderFile, context.Key, context.Plan.Request.Format with { Uuid = disk.LuksUuid }, lv.ShiftBytes, lv.Logger, cancellationToken)
                    .ConfigureAwait(false);
            }

            context.Report(Name, disk.Target, $"writing the LUKS2 header onto the head of {device}");
            using var restored = LuksVolume.RestoreHeader(device, lv.HeaderFile, lv.Logger);
            if (restored.GetInfo().Uuid != disk.LuksUuid)
            {
                throw new ForeignObjectException($"{device} does not hold the header job {context.Job.Id} prepared after it was written there; resume the job.");
            }
        }

        JobFiles.DeleteOwnFile(context, lv.HeaderFile, recorded: true, "the LUKS2 header prepared for the volume");
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        await lv.RequireRollbackPossibleAsync(cancellationToken).ConfigureAwait(false);
        await new InPlaceRollback(context, disk).ReturnToPlainAsync(cancellationToken).ConfigureAwait(false);
        JobFiles.DeleteOwnFile(context, lv.HeaderFile, recorded: true, "the LUKS2 header prepared for the volume");
    }

    /// <summary>The job's header file, finished: a regular file of root's with the job's UUID and the reencryption recorded.</summary>
    private bool IsCompleteHeaderFile() =>
        FileStatus.OfEntry(lv.HeaderFile) is { Kind: FileKind.RegularFile } status && status.Owner == context.FileOwner
        && lv.LuksUuidAt(lv.HeaderFile) == disk.LuksUuid && LuksInPlaceEncryption.IsInProgress(lv.HeaderFile, lv.Logger);
}
