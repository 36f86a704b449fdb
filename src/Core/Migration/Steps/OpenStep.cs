using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>Opens the new LUKS volume as <c>/dev/mapper/NAME</c>; undo closes it (only if it is this job's volume).</summary>
internal sealed class OpenStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => "Open";

    public string? Disk => disk.Target;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!IsOpenOnThisJobsVolume())
        {
            context.Report(Name, disk.Target, $"opening {disk.LvPath} as {disk.MapperPath}");
            using var volume = LuksVolume.Load(disk.LvPath, context.Loggers.CreateLogger<LuksVolume>());
            await volume.OpenAsync(disk.MapperName, context.Key, new MappingOptions { AllowDiscards = context.Plan.Request.AllowDiscards },
                cancellationToken).ConfigureAwait(false);
        }

        var mapped = LuksVolume.Status(disk.MapperName)!;
        if (mapped.SizeBytes != disk.Layout.MappedBytes)
        {
            throw new VirtCryptException(
                $"{disk.MapperPath} is {mapped.SizeBytes} bytes, not the planned {disk.Layout.MappedBytes}: roll the job back and report this.");
        }
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        if (IsOpenOnThisJobsVolume())
        {
            context.Report(Name, disk.Target, $"closing {disk.MapperPath}");
            await LuksVolume.CloseAsync(disk.MapperName, context.Loggers.CreateLogger<LuksVolume>(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the mapping exists over this job's volume; a mapping of that name over anything else is refused.</summary>
    private bool IsOpenOnThisJobsVolume()
    {
        var mapped = LuksVolume.Status(disk.MapperName);
        if (mapped is null)
        {
            return false;
        }

        using (var underlying = LuksVolume.Load(mapped.UnderlyingDevice ?? disk.LvPath, context.Loggers.CreateLogger<LuksVolume>()))
        {
            if (underlying.GetInfo().Uuid == disk.LuksUuid.ToString("D"))
            {
                return true;
            }
        }

        throw new ObjectAlreadyExistsException(
            $"{disk.MapperPath} is open on another device, not on {disk.LvPath}; it is left alone. Close it or choose another name.");
    }
}
