using VirtCrypt.Migration.Execution;

namespace VirtCrypt.Migration.Steps;

/// <summary>
/// Switches the source's autostart off when a clone takes over: otherwise, after the next host reboot, libvirt would
/// start the unencrypted source instead of the clone. Undo switches it on again, if this job switched it off.
/// </summary>
internal sealed class DisableSourceAutostartStep(MigrationContext context) : IMigrationStep
{
    public string Name => StepName.DisableSourceAutostart;

    public string? Disk => null;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.GetSource(context);
        if (domain.Autostart)
        {
            context.RecordFacts(f => f.WithSourceAutostartSwitchedOff(true));
            context.Report(Name, null, $"switching off the autostart of '{domain.Name}'");
            domain.Autostart = false;
        }

        return Task.CompletedTask;
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        if (!context.Facts.SourceAutostartSwitchedOff)
        {
            return Task.CompletedTask;
        }

        using (var domain = JobDomains.FindSource(context))
        {
            if (domain is not null)
            {
                context.Report(Name, null, $"switching the autostart of '{domain.Name}' on again");
                domain.Autostart = true;
            }
        }

        context.RecordFacts(f => f.WithSourceAutostartSwitchedOff(false));
        return Task.CompletedTask;
    }
}
