using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Writes a backup of the new LUKS header (a damaged header loses every byte), recording the file in the journal
/// before writing it; undo deletes the backup and its partial file only when the job recorded them, they are regular
/// files of root's, and the backup holds the job's header.
/// </summary>
internal sealed class BackupHeaderStep(MigrationContext context, DiskPlan disk, string directory) : IMigrationStep
{
    public string Name => StepName.BackupHeader;

    public string? Disk => disk.Target;

    private string File => MigrationNames.HeaderBackup(directory, disk.LvName);

    /// <summary>Where the backup is written first, so a crash never leaves a partial file under the final name.</summary>
    private string PartialFile => File + ".partial";

    private bool IsRecorded => context.Facts.HeaderBackups.Contains(File);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (FileStatus.OfEntry(File) is not null)
        {
            if (IsThisJobsBackup())
            {
                return;
            }

            throw new ObjectAlreadyExistsException(
                $"{File} exists but is not the header backup job {context.Job.Id} wrote; it is left alone and never overwritten. Move it away, then resume.");
        }

        JobFiles.DeleteOwnFile(context, PartialFile, IsRecorded, "a partly written header backup");
        context.RecordFacts(f => f.WithHeaderBackup(File));
        var volume = await JobVolumes.GetOwnAsync(context, disk, cancellationToken).ConfigureAwait(false);
        context.Report(Name, disk.Target, $"backing up the LUKS header of {volume.DevicePath} to {File}");
        using (var luks = LuksVolume.Load(volume.DevicePath, context.Loggers.CreateLogger<LuksVolume>()))
        {
            if (luks.GetInfo().Uuid != disk.LuksUuid)
            {
                throw new ForeignObjectException($"{volume.DevicePath} no longer holds the LUKS volume {disk.LuksUuid} job {context.Job.Id} formatted; no backup was written.");
            }

            luks.BackupHeader(PartialFile);
        }

        System.IO.File.Move(PartialFile, File, overwrite: false);
        DirectorySync.Flush(directory);
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        if (FileStatus.OfEntry(File) is not null && !IsThisJobsBackup())
        {
            throw new ForeignObjectException(
                $"{File} is not the header backup job {context.Job.Id} wrote (it did not record it, or it is not a regular file of root's holding the header of LUKS volume {disk.LuksUuid}). It is left alone; nothing was changed.");
        }

        JobFiles.DeleteOwnFile(context, PartialFile, IsRecorded, "a partly written header backup");
        JobFiles.DeleteOwnFile(context, File, IsRecorded, "a LUKS header backup");
        return Task.CompletedTask;
    }

    /// <summary>The backup is the job's: recorded, a regular file of root's, and holding the job's LUKS header.</summary>
    private bool IsThisJobsBackup()
    {
        if (!IsRecorded || FileStatus.OfEntry(File) is not { Kind: FileKind.RegularFile } status || status.Owner != context.FileOwner)
        {
            return false;
        }

        try
        {
            using var backup = LuksVolume.Load(File, context.Loggers.CreateLogger<LuksVolume>());
            return backup.GetInfo().Uuid == disk.LuksUuid;
        }
        catch (CryptsetupException)
        {
            return false;
        }
    }
}
