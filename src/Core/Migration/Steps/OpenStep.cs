using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>Opens the new LUKS volume as <c>/dev/mapper/NAME</c>; undo closes it (only if it is this job's volume).</summary>
internal sealed class OpenStep(MigrationContext context, DiskPlan disk) : IMigrationStep
{
    public string Name => StepName.Open;

    public string? Disk => disk.Target;

    public bool ReassertOnResume => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await RemoveOwnHalfMadeAsync(cancellationToken).ConfigureAwait(false) is { } foreign)
        {
            throw new ObjectAlreadyExistsException(HalfMadeDevices.NotOwnMessage(foreign, "this job's") + " Then resume.");
        }

        var mapped = IsOpenOnThisJobsVolume(refuseForeign: true) ? LuksVolume.Status(disk.MapperName)! : null;
        if (mapped is null)
        {
            context.Report(Name, disk.Target, $"opening {disk.LvPath} as {disk.MapperPath}");
            using var volume = LuksVolume.Load(disk.LvPath, context.Loggers.CreateLogger<LuksVolume>());
            mapped = await volume.OpenAsync(disk.MapperName, context.Key, new MappingOptions { AllowDiscards = disk.AllowDiscards },
                cancellationToken).ConfigureAwait(false);
        }

        if (mapped.SizeBytes != disk.Layout.MappedBytes)
        {
            throw new VirtCryptException(
                $"{disk.MapperPath} is {mapped.SizeBytes} bytes, not the planned {disk.Layout.MappedBytes}: roll the job back and report this.");
        }
    }

    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        if (await RemoveOwnHalfMadeAsync(cancellationToken).ConfigureAwait(false) is { } foreign)
        {
            context.Report(Name, disk.Target, HalfMadeDevices.NotOwnMessage(foreign, "this job's"));
            return;
        }

        if (IsOpenOnThisJobsVolume(refuseForeign: false))
        {
            context.Report(Name, disk.Target, $"closing {disk.MapperPath}");
            await LuksVolume.CloseAsync(disk.MapperName, context.Loggers.CreateLogger<LuksVolume>(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the mapping when a killed run left it half-made (created, never given its table) and its device-mapper
    /// UUID, which libcryptsetup derives from the LUKS UUID and the name, is this job's.
    /// </summary>
    /// <returns>A half-made mapping of that name that is not this job's (left in place), or null.</returns>
    private Task<DmDevice?> RemoveOwnHalfMadeAsync(CancellationToken cancellationToken) => HalfMadeCleanup.RemoveOwnAsync(
        context, this, disk.MapperName, DmUuids.OfCryptMapping(context.Plan.Request.Format.Version, disk.LuksUuid, disk.MapperName),
        disk.MapperPath, context.Loggers.CreateLogger<LuksVolume>(), cancellationToken);

    /// <summary>
    /// True when the mapping exists over this job's volume. A mapping of that name over anything else is refused
    /// when running (<paramref name="refuseForeign"/>) and left alone when undoing.
    /// </summary>
    private bool IsOpenOnThisJobsVolume(bool refuseForeign)
    {
        if (LuksVolume.Status(disk.MapperName) is not { UnderlyingDevice: { } underlyingDevice })
        {
            return false;
        }

        try
        {
            using var underlying = LuksVolume.Load(underlyingDevice, context.Loggers.CreateLogger<LuksVolume>());
            if (underlying.GetInfo().Uuid == disk.LuksUuid)
            {
                return true;
            }
        }
        catch (CryptsetupException) when (!refuseForeign)
        {
            return false;
        }

        if (!refuseForeign)
        {
            return false;
        }

        throw new ObjectAlreadyExistsException(
            $"{disk.MapperPath} is open on another device, not on {disk.LvPath}; it is left alone. Close it or choose another name.");
    }
}
