using VirtCrypt.Migration.Execution;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place: grows the job's tagged volume by twice the header (the header at the head, the first data segment's room
/// behind the data while encrypting). Undo shrinks it back to its old size while no header was written onto it.
/// </summary>
internal sealed class ExtendLvStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    private readonly InPlaceVolume lv = new(context, disk);

    public string Name => StepName.ExtendLv;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        lv.RequireSize(volume, lv.OriginalBytes, lv.EncryptingBytes);
        if (volume.SizeBytes == lv.OriginalBytes)
        {
            context.Report(Name, disk.Target, $"growing {volume} to {ByteCount.WithBytes(lv.EncryptingBytes)} for the encryption");
            await volume.ResizeAsync(lv.EncryptingBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        lv.RequireSize(volume, lv.OriginalBytes, lv.EncryptingBytes);
        if (volume.SizeBytes != lv.OriginalBytes && !lv.HeadIsTheJobs(volume.DevicePath))
        {
            context.Report(Name, disk.Target, $"shrinking {volume} back to {ByteCount.WithBytes(lv.OriginalBytes)}");
            await volume.ResizeAsync(lv.OriginalBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
