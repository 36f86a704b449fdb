using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Migration;

namespace VirtCrypt.Orchestration;

/// <summary>
/// Plans, then migrates, one guest after another; a refused or failed guest is reported and the next one is tried.
/// A cancelled job stops the batch (its journal stays for <c>virtcrypt resume</c>).
/// </summary>
internal sealed class BatchMigration(MigrationService migrations, TextWriter log)
{
    internal async Task<IReadOnlyList<GuestOutcome>> RunAsync(
        IReadOnlyList<string> domains, Func<string, MigrationRequest> request, LuksKey? key, CancellationToken cancellationToken)
    {
        var outcomes = new List<GuestOutcome>();
        foreach (var domain in domains)
        {
            var outcome = await MigrateAsync(request(domain), key, cancellationToken);
            outcomes.Add(outcome);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return outcomes;
    }

    /// <summary>Plans one guest and, with a key, runs the plan.</summary>
    private async Task<GuestOutcome> MigrateAsync(MigrationRequest request, LuksKey? key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        GuestOutcome Outcome(bool succeeded, string result, long bytes = 0, string? jobId = null) =>
            new(request.Domain, succeeded, result, clock.Elapsed, bytes, jobId);

        try
        {
            var plan = await migrations.PlanAsync(request, cancellationToken);
            if (!plan.CanExecute)
            {
                return Outcome(false, Refused(request.Domain, plan.FailedChecks));
            }

            if (key is null)
            {
                return Outcome(true, $"planned: {plan.TargetDomain}");
            }

            log.WriteLine($"{request.Domain}: migrating onto {plan.TargetDomain}");
            var result = await migrations.ExecuteAsync(plan, key, new Progress(request.Domain, log), cancellationToken);
            return Outcome(true, $"migrated: {result.Domain}", result.Copies.Values.Sum(c => c.BytesWritten));
        }
        catch (MigrationRefusedException e)
        {
            return Outcome(false, Refused(request.Domain, e.FailedChecks));
        }
        catch (MigrationFailedException e)
        {
            log.WriteLine($"{request.Domain}: {e.Message}");
            return Outcome(false, e.WasCancelled ? "cancelled" : $"failed: {(e.InnerException ?? e).GetType().Name}", jobId: e.JobId);
        }
        catch (VirtCryptException e)
        {
            log.WriteLine($"{request.Domain}: {e.Message}");
            return Outcome(false, $"failed: {e.GetType().Name}");
        }
    }

    /// <summary>Logs each failed check with its detail (what is wrong, what to do); the report names the checks.</summary>
    private string Refused(string domain, IEnumerable<PlanCheck> failed)
    {
        var checks = failed.ToList();
        foreach (var check in checks)
        {
            log.WriteLine($"{domain}: refused, nothing was changed: [{check.Name}] {check.Detail}");
        }

        return "refused: " + string.Join("; ", checks.Select(c => c.Name));
    }

    /// <summary>One line per step; the copy's progress is left out (one guest's bytes are in the report).</summary>
    private sealed class Progress(string domain, TextWriter log) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value)
        {
            if (value.Copy is null)
            {
                log.WriteLine($"{domain}: {value.Step} {value.Disk}: {value.Message}");
            }
        }
    }
}
