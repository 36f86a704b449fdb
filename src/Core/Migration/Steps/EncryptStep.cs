using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// In place: runs the reencryption the header records, offline, with progress; after an interruption the library
/// resumes it from the state in the header (recovering the hotzone of a crash first).
/// </summary>
internal sealed class EncryptStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    private readonly InPlaceVolume lv = new(context, disk);

    public string Name => StepName.Encrypt;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var volume = await lv.GetOwnAsync(cancellationToken).ConfigureAwait(false);
        if (!lv.HeadIsTheJobs(volume.DevicePath))
        {
            throw new InvalidOperationStateException($"{volume} does not hold the LUKS2 header job {context.Job.Id} wrote: roll the job back.");
        }

        // RunAsync returns at once when the header records no reencryption: no separate header read for that here.
        context.Report(Name, disk.Target, $"encrypting {volume} in place");
        var progress = lv.ProgressOf(Name, $"encrypting {volume} in place");
        await LuksInPlaceEncryption.RunAsync(volume.DevicePath, context.Key, progress, lv.Logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing of its own: the undo of <see cref="InitEncryptionStep"/> decrypts the volume back, finishing this first.</summary>
    public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
