using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// LUKS-formats the job's new LV with the plan's UUID and data offset. Forcing is safe: the LV was created by this
/// job. An interrupted format is recognized by the UUID and redone unless the key already opens it.
/// </summary>
internal sealed class FormatStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    internal const string StepName = "Format";

    public string Name => StepName;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await IsFormattedByThisJobAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var request = context.Plan.Request;
        context.Report(Name, disk.Target, $"formatting {disk.LvPath} as {request.Format.Version.ToString().ToUpperInvariant()} ({request.Format.Cipher}-{request.Format.CipherMode}, {request.Format.KeySizeBits} bits)");
        var options = request.Format with { DataOffsetBytes = disk.Layout.DataOffsetBytes, Uuid = disk.LuksUuid, Force = true };
        using var volume = await LuksVolume.FormatAsync(disk.LvPath, context.Key, options, context.Loggers.CreateLogger<LuksVolume>(), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> IsFormattedByThisJobAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var volume = LuksVolume.Load(disk.LvPath, context.Loggers.CreateLogger<LuksVolume>());
            if (volume.GetInfo().Uuid != disk.LuksUuid.ToString("D"))
            {
                return false;
            }

            await volume.VerifyKeyAsync(context.Key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is CryptsetupException or WrongPassphraseException or ObjectNotFoundException)
        {
            return false;
        }
    }
}
