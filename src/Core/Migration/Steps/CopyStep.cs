using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Copies the source disk onto the mapping and verifies it. Checkpoints go to the journal, so a resumed job continues
/// the copy where it stopped. The source is only ever read.
/// </summary>
internal sealed class CopyStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => StepName.Copy;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resumeFrom = context.Facts.CopyCheckpoints.GetValueOrDefault(disk.Target);
        context.Report(Name, disk.Target, resumeFrom is null
            ? $"copying {disk.SourcePath} onto {disk.MapperPath}"
            : $"resuming the copy of {disk.SourcePath} at byte {resumeFrom.Offset}");
        var options = new CopyOptions
        {
            ResumeFrom = resumeFrom,
            CheckpointReached = checkpoint => context.RecordFacts(f => f.WithCopyCheckpoint(disk.Target, checkpoint)),
        };
        var progress = new SynchronousProgress<CopyProgress>(p => context.Report(Name, disk.Target, p.Phase.ToString(), p));
        var copier = new BlockCopier(context.Loggers.CreateLogger<BlockCopier>());
        try
        {
            context.Copies[disk.Target] = await copier.CopyAsync(
                new DiskSource(disk.SourcePath, disk.SourceFormat), CopyTarget.BlockDevice(disk.MapperPath), options, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CopyVerificationException)
        {
            context.RecordFacts(f => f.WithCopyCheckpoint(disk.Target, null));
            throw;
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
