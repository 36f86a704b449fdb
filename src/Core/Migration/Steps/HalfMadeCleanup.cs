using Microsoft.Extensions.Logging;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>How a volume step treats a half-made device of its name: its own is removed (and reported), another is handed back.</summary>
internal static class HalfMadeCleanup
{
    /// <returns>A half-made device of that name that is not the step's (left in place), or null.</returns>
    internal static async Task<DmDevice?> RemoveOwnAsync(
        MigrationContext context, IMigrationStep step, string name, string ownUuid, string what, ILogger logger, CancellationToken cancellationToken)
    {
        var found = await HalfMadeDevices.RemoveOwnAsync(name, ownUuid, logger, cancellationToken).ConfigureAwait(false);
        if (found is { Removed: true })
        {
            context.Report(step.Name, step.Disk, $"removed {what}, which an interrupted run left without a table");
        }

        return found is { Removed: false } ? found.Device : null;
    }
}
