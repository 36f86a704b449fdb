using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration.Steps;

/// <summary>Writes a backup of the new LUKS header (a damaged header loses every byte); undo deletes this job's backup.</summary>
internal sealed class BackupHeaderStep(MigrationContext context, DiskPlan disk, string directory) : IMigrationStep
{
    public string Name => "BackupHeader";

    public string? Disk => disk.Target;

    private string File => MigrationNames.HeaderBackup(directory, disk.LvName);

    /// <summary>Where the backup is written first, so a crash never leaves a partial file under the final name.</summary>
    private string PartialFile => File + ".partial";

    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (!IsThisJobsBackup())
        {
            context.Report(Name, disk.Target, $"backing up the LUKS header of {disk.LvPath} to {File}");
            System.IO.File.Delete(PartialFile);
            using (var volume = LuksVolume.Load(disk.LvPath, context.Loggers.CreateLogger<LuksVolume>()))
            {
                volume.BackupHeader(PartialFile);
            }

            System.IO.File.Move(PartialFile, File, overwrite: false);
            DirectorySync.Flush(directory);
        }

        return Task.CompletedTask;
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        if (IsThisJobsBackup())
        {
            System.IO.File.Delete(File);
        }

        System.IO.File.Delete(PartialFile);
        return Task.CompletedTask;
    }

    private bool IsThisJobsBackup()
    {
        if (!System.IO.File.Exists(File))
        {
            return false;
        }

        try
        {
            using var backup = LuksVolume.Load(File, context.Loggers.CreateLogger<LuksVolume>());
            return backup.GetInfo().Uuid == disk.LuksUuid.ToString("D");
        }
        catch (CryptsetupException)
        {
            return false;
        }
    }
}
