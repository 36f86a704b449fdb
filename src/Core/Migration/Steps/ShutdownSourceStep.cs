using VirtCrypt.Errors;
using VirtCrypt.Migration.Execution;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration.Steps;

/// <summary>Shuts the source domain down gracefully (a running disk is never copied); undo starts it again if it ran.</summary>
internal sealed class ShutdownSourceStep(MigrationContext context) : IMigrationStep
{
    public string Name => StepName.ShutdownSource;

    public string? Disk => null;

    public bool ReassertOnResume => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.GetSource(context);
        if (!domain.IsActive || context.Job.StateOf(StepName.Define, null) == StepState.Completed)
        {
            return;
        }

        var timeout = context.Plan.Request.ShutdownTimeout ?? throw new InvalidOperationStateException(
            $"'{domain.Name}' is running; a running disk cannot be copied. Shut it down, or allow VirtCrypt to (--shutdown-timeout).");
        context.Report(Name, null, $"shutting '{domain.Name}' down (waiting up to {timeout.TotalSeconds:0} s)");
        var outcome = await domain.ShutdownAsync(timeout, destroyOnTimeout: false, cancellationToken).ConfigureAwait(false);
        if (outcome == ShutdownOutcome.StillRunning)
        {
            throw new InvalidOperationStateException(
                $"'{domain.Name}' did not shut down within {timeout.TotalSeconds:0} s; nothing else was changed. Shut it down and resume the job.");
        }
    }

    public Task UndoAsync(CancellationToken cancellationToken)
    {
        using var domain = JobDomains.FindSource(context);
        if (domain is not null && context.Plan.SourceRunning && !domain.IsActive)
        {
            context.Report(Name, null, $"starting '{domain.Name}' again, as it was running before");
            domain.Start();
        }

        return Task.CompletedTask;
    }
}
