using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// LUKS-formats the job's new LV with the plan's UUID and data offset. The device is derived on every attempt: the LV
/// of the plan's name in the plan's volume group that carries the job's tag. It is formatted only while libblkid finds
/// nothing on it, or while its LUKS header carries the job's UUID (an interrupted format, redone unless the key
/// already opens it).
/// </summary>
internal sealed class FormatStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => StepName.Format;

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var device = (await JobVolumes.GetOwnAsync(context, disk, cancellationToken).ConfigureAwait(false)).DevicePath;
        var headerIsTheJobs = LuksHeaders.At(device, context.Loggers.CreateLogger<LuksVolume>())?.Uuid == disk.LuksUuid;
        if (headerIsTheJobs && await KeyOpensAsync(device, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var request = context.Plan.Request;
        context.Report(Name, disk.Target, $"formatting {device} as {request.Format.Version.ToString().ToUpperInvariant()} ({request.Format.Cipher}-{request.Format.CipherMode}, {request.Format.KeySizeBits} bits)");
        var options = request.Format with { DataOffsetBytes = disk.Layout.DataOffsetBytes, Uuid = disk.LuksUuid, Force = headerIsTheJobs };
        try
        {
            using var volume = await LuksVolume.FormatAsync(device, context.Key, options, context.Loggers.CreateLogger<LuksVolume>(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DeviceNotEmptyException e)
        {
            throw new DeviceNotEmptyException(
                $"{device} carries job {context.Job.Id}'s tag but is not the empty volume the job created: libblkid finds {string.Join(" and ", DeviceContentProbe.Probe(device))} on it. " +
                "Nothing was written to it: find out what wrote there; roll the job back only once its content is not needed.",
                e.NativeError, e);
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> KeyOpensAsync(string device, CancellationToken cancellationToken)
    {
        try
        {
            using var volume = LuksVolume.Load(device, context.Loggers.CreateLogger<LuksVolume>());
            await volume.VerifyKeyAsync(context.Key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is CryptsetupException or WrongPassphraseException or ObjectNotFoundException)
        {
            // ObjectNotFoundException: the header has no keyslot yet (a run killed between writing the two).
            return false;
        }
    }
}
