using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// What the in-place steps share about one disk's logical volume: its sizes before, during and after the encryption,
/// whether its head holds the job's LUKS header, and the header file the encryption is prepared in.
/// </summary>
internal sealed class InPlaceVolume(MigrationContext context, DiskPlan disk)
{
    /// <summary>The in-place steps of one disk, in order.</summary>
    internal static readonly string[] StepNames = [StepName.TagLv, StepName.ExtendLv, StepName.InitEncryption, StepName.Encrypt, StepName.ShrinkLv];

    /// <summary>The LV's size before the job: the guest's disk.</summary>
    internal long OriginalBytes => disk.Layout.SourceBytes;

    /// <summary>While encrypting: the data, the header at the head and the first segment's room behind the data.</summary>
    internal long EncryptingBytes => disk.Layout.SourceBytes + (2 * disk.Layout.DataOffsetBytes);

    /// <summary>The LV's size at the end: the header and the data.</summary>
    internal long FinalBytes => disk.Layout.LvBytes;

    /// <summary>The data shift: the room of the header.</summary>
    internal long ShiftBytes => disk.Layout.DataOffsetBytes;

    /// <summary>Where the new header is prepared (in the job store, root's): derived from the job, never read from the journal.</summary>
    internal string HeaderFile => Path.Combine(context.JobDirectory, $"{context.Job.Id}.{disk.Target}.luks2-header");

    internal ILogger<LuksVolume> Logger => context.Loggers.CreateLogger<LuksVolume>();

    internal Task<LogicalVolume> GetOwnAsync(CancellationToken cancellationToken) => JobVolumes.GetOwnAsync(context, disk, cancellationToken);

    /// <summary>The LUKS UUID in the header at <paramref name="path"/>, or null when there is none.</summary>
    internal Guid? LuksUuidAt(string path) => LuksHeaders.At(path, Logger)?.Uuid;

    /// <summary>True when the volume's head holds the job's header; another LUKS header there is refused.</summary>
    internal bool HeadIsTheJobs(string device) => JobsHeaderAt(device) is not null;

    /// <summary>The job's header at the volume's head, or null when it holds no LUKS header; another LUKS header there is refused.</summary>
    internal LuksInfo? JobsHeaderAt(string device)
    {
        var header = LuksHeaders.At(device, Logger);
        return header is null || header.Uuid == disk.LuksUuid ? header
            : throw new ForeignObjectException(
                $"{device} holds the LUKS volume {header.Uuid?.ToString() ?? "without a UUID"}, not the one job {context.Job.Id} prepares ({disk.LuksUuid}); it is left alone. Nothing was changed.");
    }

    /// <summary>Requires the LV at one of the sizes the job gives it.</summary>
    internal void RequireSize(LogicalVolume volume, params long[] sizes)
    {
        if (!sizes.Contains(volume.SizeBytes))
        {
            throw new InvalidOperationStateException(
                $"{volume} is {volume.SizeBytes} bytes, none of the sizes job {context.Job.Id} gives it ({string.Join(", ", sizes)}): someone resized it. Nothing was changed; find out why.");
        }
    }

    /// <summary>
    /// Refuses a rollback once the job's header is on the volume when the loaded libcryptsetup cannot decrypt it back
    /// (before <see cref="InPlacePlanChecks.DecryptionSince"/>). The refusal names the state the journal records.
    /// </summary>
    internal async Task RequireRollbackPossibleAsync(CancellationToken cancellationToken)
    {
        if (InPlacePlanChecks.LibraryDecrypts())
        {
            return;
        }

        LogicalVolume volume;
        try
        {
            volume = await GetOwnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectNotFoundException or ForeignObjectException)
        {
            return;
        }

        if (LuksUuidAt(volume.DevicePath) != disk.LuksUuid)
        {
            return;
        }

        var state = StepNames.Select(s => (Step: s, State: context.Job.StateOf(s, disk.Target))).LastOrDefault(s => s.State is not null);
        var encrypting = LuksInPlaceEncryption.IsInProgress(volume.DevicePath, Logger);
        throw new InvalidOperationStateException(
            $"Job {context.Job.Id} cannot be rolled back: disk {disk.Target}'s volume {volume} holds the job's LUKS2 header (journal: step {state.Step} {state.State}; " +
            $"the encryption is {(encrypting ? "under way" : "complete")}) and this libcryptsetup ({CryptsetupVersion.OfLibrary()}) cannot decrypt it back in place " +
            $"(that needs {InPlacePlanChecks.DecryptionSince}). Nothing was changed. Resume the job (virtcrypt resume {context.Job.Id}) to finish it, or upgrade cryptsetup and roll back again.");
    }

    /// <summary>Turns the library's progress (bytes done of all) into the job's reports of <paramref name="step"/>, with rate and ETA.</summary>
    internal SynchronousProgress<(long Done, long Total)> ProgressOf(string step, string message)
    {
        var reports = new SynchronousProgress<CopyProgress>(c => context.Report(step, disk.Target, message, c));
        ProgressMeter? meter = null;
        long reported = 0;
        return new SynchronousProgress<(long Done, long Total)>(p =>
        {
            if (meter is null)
            {
                meter = new ProgressMeter(reports, CopyPhase.Copying, p.Done, p.Total, TimeSpan.FromSeconds(1));
                reported = p.Done;
            }

            meter.Advance(p.Done - reported);
            reported = p.Done;
        });
    }

    internal StepState? StateOf(string step) => context.Job.StateOf(step, disk.Target);
}
