using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place: once the encryption is complete, gives back the room the first segment used behind the data, so the LV
/// keeps only the header and the mapping is exactly the old size.
/// </summary>
internal sealed class ShrinkLvStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    private readonly InPlaceVolume lv = new(context, disk);

    public string Name => StepName.ShrinkLv;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        lv.RequireSize(volume, lv.EncryptingBytes, lv.FinalBytes);
        if (volume.SizeBytes == lv.FinalBytes)
        {
            return;
        }

        if (!lv.HeadIsTheJobs(volume.DevicePath) || LuksInPlaceEncryption.IsInProgress(volume.DevicePath, lv.Logger))
        {
            throw new InvalidOperationStateException($"{volume} is not encrypted completely yet; it keeps its size. Resume the job.");
        }

        context.Report(Name, disk.Target, $"shrinking {volume} to {ByteCount.WithBytes(lv.FinalBytes)} (the header and the data)");
        await volume.ResizeAsync(lv.FinalBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing of its own: the undo of <see cref="InitEncryptionStep"/> decrypts the volume and gives it its old size.</summary>
    public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
