using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place, rollback once the job's header is on the volume: returns the LV to its plain data at offset 0 and its old
/// size. An encryption still under way is finished first: libcryptsetup refuses a new reencryption while one is
/// recorded and offers no reversal of an encryption's direction or of its moved first segment, so the only way back
/// from a half-encrypted volume is through a fully encrypted one (at most one extra pass over the disk). The
/// decryption then runs as <see cref="LuksInPlaceDecryption"/> describes. Each state a kill can leave is recognised on
/// the next rollback: the job's header at the head (start again: a partial export is replaced), the head wiped and
/// the job's exported header in the job store (initialise or resume the decryption it records, or, finished, shrink),
/// neither (nothing encrypted).
/// </summary>
internal sealed class InPlaceRollback(MigrationContext context, DiskPlan disk)
{
    private const string Step = StepName.InitEncryption;

    private readonly InPlaceVolume lv = new(context, disk);

    /// <summary>Where the decryption keeps the volume's header (in the job store, root's): derived from the job, never read from the journal.</summary>
    internal string ExportedHeaderFile => Path.Combine(context.JobDirectory, $"{context.Job.Id}.{disk.Target}.luks2-decryption-header");

    /// <summary>
    /// Checks, changing nothing (but activating again a volume an interrupted resize left suspended, so that it can be
    /// read), that the volume is the job's (its tag, the LUKS UUID in its header or the exported one)
    /// and that what the journal says of its sizes agrees with the volume and its header; returns the header that must
    /// accept the key before anything is changed, or null when the volume holds no encrypted data of the job.
    /// </summary>
    internal async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        var sizes = lv.OriginalBytes + lv.ShiftBytes == lv.FinalBytes && lv.EncryptingBytes == lv.FinalBytes + lv.ShiftBytes;
        string? header = null;
        if (lv.JobsHeaderAt(volume.DevicePath) is { } jobsHeader)
        {
            lv.RequireSize(volume, lv.EncryptingBytes, lv.FinalBytes);
            sizes &= jobsHeader.DataOffsetBytes == lv.ShiftBytes;
            header = volume.DevicePath;
        }
        else if (HasOwnExportedHeader())
        {
            var finished = LuksInPlaceDecryption.IsFinished(ExportedHeaderFile, lv.Logger);
            lv.RequireSize(volume, finished ? [lv.FinalBytes, lv.OriginalBytes] : [lv.FinalBytes]);
            header = finished ? null : ExportedHeaderFile;
        }

        return sizes ? header : throw new InvalidOperationStateException(
            $"Job {context.Job.Id}'s journal gives disk {disk.Target} sizes that do not fit {volume} and its LUKS2 header (the disk {lv.OriginalBytes} bytes, the header {lv.ShiftBytes}, " +
            $"the volume {lv.FinalBytes}): the journal was edited. Nothing was changed.");
    }

    /// <summary>Decrypts the volume back to plain data at offset 0 and gives it its old size; see the class.</summary>
    internal async Task ReturnToPlainAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken).ConfigureAwait(false);
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        var device = volume.DevicePath;
        if (lv.HeadIsTheJobs(device))
        {
            volume = await EncryptCompletelyAsync(volume, cancellationToken).ConfigureAwait(false);
            JobFiles.DeleteOwnFile(context, ExportedHeaderFile, recorded: true, "an unfinished export of the volume's LUKS2 header");
            context.Report(Step, disk.Target, $"exporting the LUKS2 header of {volume} to {ExportedHeaderFile}");
            LuksInPlaceDecryption.ExportHeader(device, ExportedHeaderFile, lv.Logger);
            DirectorySync.Flush(context.JobDirectory);
            if (lv.LuksUuidAt(ExportedHeaderFile) != disk.LuksUuid)
            {
                throw new ForeignObjectException($"{ExportedHeaderFile} does not hold the header of {device} just exported; the volume was left as it is. Roll the job back again.");
            }

            LuksInPlaceDecryption.WipeHead(device, ExportedHeaderFile, lv.Logger);
        }

        if (!HasOwnExportedHeader())
        {
            return;
        }

        if (!LuksInPlaceDecryption.IsFinished(ExportedHeaderFile, lv.Logger))
        {
            if (!LuksInPlaceEncryption.IsInProgress(ExportedHeaderFile, lv.Logger))
            {
                context.Report(Step, disk.Target, $"starting the decryption of {volume}");
                await LuksInPlaceDecryption.InitializeAsync(device, ExportedHeaderFile, context.Key, lv.Logger, cancellationToken).ConfigureAwait(false);
            }

            await LuksInPlaceDecryption.RunAsync(device, ExportedHeaderFile, context.Key, lv.ProgressOf(Step, $"decrypting {volume} in place"), lv.Logger, cancellationToken)
                .ConfigureAwait(false);
        }

        if (volume.SizeBytes != lv.OriginalBytes)
        {
            context.Report(Step, disk.Target, $"shrinking {volume} back to {ByteCount.WithBytes(lv.OriginalBytes)}");
            await volume.ResizeAsync(lv.OriginalBytes, cancellationToken).ConfigureAwait(false);
        }

        JobFiles.DeleteOwnFile(context, ExportedHeaderFile, recorded: true, "the volume's LUKS2 header, exported for its decryption");
    }

    /// <summary>Finishes an encryption under way and gives back the room behind the data.</summary>
    private async Task<LogicalVolume> EncryptCompletelyAsync(LogicalVolume volume, CancellationToken cancellationToken)
    {
        if (LuksInPlaceEncryption.IsInProgress(volume.DevicePath, lv.Logger))
        {
            await LuksInPlaceEncryption.RunAsync(
                volume.DevicePath, context.Key, lv.ProgressOf(Step, $"finishing the encryption of {volume} before decrypting it"), lv.Logger, cancellationToken)
                .ConfigureAwait(false);
        }

        if (volume.SizeBytes == lv.EncryptingBytes)
        {
            context.Report(Step, disk.Target, $"shrinking {volume} to {ByteCount.WithBytes(lv.FinalBytes)} (the header and the data)");
            await volume.ResizeAsync(lv.FinalBytes, cancellationToken).ConfigureAwait(false);
            volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        }

        return volume;
    }

    /// <summary>The exported header, when it is a regular file of root's holding the job's LUKS UUID; another file there is refused.</summary>
    private bool HasOwnExportedHeader()
    {
        if (FileStatus.OfEntry(ExportedHeaderFile) is not { } status)
        {
            return false;
        }

        var uuid = status.IsRegularFile && status.Owner == context.FileOwner ? lv.LuksUuidAt(ExportedHeaderFile) : null;
        return uuid == disk.LuksUuid ? true
            : throw new ForeignObjectException(
                $"{ExportedHeaderFile} is not the header job {context.Job.Id} exported for {disk.LvPath} (LUKS UUID {uuid?.ToString() ?? "none"}, {disk.LuksUuid} expected). It is left alone; nothing was changed.");
    }
}
