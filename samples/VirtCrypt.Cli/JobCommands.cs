using System.CommandLine;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt resume | rollback | jobs</c>: carry on, undo or list migration jobs.</summary>
internal static class JobCommands
{
    internal static Command Resume()
    {
        var jobId = new Argument<string>("job") { Description = "the job id printed when the job stopped" };
        var keys = new KeyOptions();
        var command = new Command("resume", "Carry an interrupted migration job on from its last completed step.") { jobId, CommonOptions.Json };
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            var job = session.Migrations.Jobs.Load(result.GetValue(jobId)!);
            using (var key = await keys.ReadAsync(result, isNewVolume: !job.HasFormattedVolumes, cancellationToken).ConfigureAwait(false))
            {
                var outcome = await session.Migrations.ResumeAsync(job.Id, key, JsonProgress.For(result.GetValue(CommonOptions.Json)), cancellationToken)
                    .ConfigureAwait(false);
                Summary.Print(outcome, result.GetValue(CommonOptions.Json), "resume");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command Rollback()
    {
        var job = new Argument<string>("job") { Description = "the job id" };
        var keys = new KeyOptions();
        var command = new Command("rollback", "Remove exactly what a migration job created and restore what it changed; the source disks are untouched.")
        {
            job,
            CommonOptions.Yes,
            CommonOptions.Json,
        };
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            await Confirmation.AskAsync(result, $"Roll job {result.GetValue(job)} back (its new volumes and their data are destroyed)?", cancellationToken)
                .ConfigureAwait(false);
            var json = result.GetValue(CommonOptions.Json);
            var jobId = result.GetValue(job)!;

            // An in-place job whose volumes hold its header is decrypted back: that needs the key (asked like resume does).
            using (var key = await session.Migrations.RollbackNeedsKeyAsync(jobId, cancellationToken).ConfigureAwait(false)
                ? await keys.ReadAsync(result, isNewVolume: false, cancellationToken).ConfigureAwait(false)
                : null)
            {
                await session.Migrations.RollbackAsync(jobId, key, JsonProgress.For(json), cancellationToken).ConfigureAwait(false);
            }
            if (json)
            {
                JsonDocuments.Print(
                    new RollbackDocument(JsonDocuments.Schema, "rollback", result.GetValue(job)!, nameof(JobStatus.RolledBack)), JsonDocuments.Context.RollbackDocument);
            }
            else
            {
                Console.Error.WriteLine($"Job {result.GetValue(job)} rolled back.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command List()
    {
        var command = new Command("jobs", "List migration jobs and where each stands.") { CommonOptions.Json };
        command.SetAction(result => CommandRunner.Run(result, () =>
        {
            var store = new JobStore(result.GetValue(CommonOptions.JobDirectory)!);
            if (result.GetValue(CommonOptions.Json))
            {
                JsonDocuments.Print(
                    new JobsDocument(JsonDocuments.Schema, "jobs", [.. store.ReadAll().Select(JsonDocuments.Entry)]), JsonDocuments.Context.JobsDocument);
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine($"{"job",-24} {"domain",-20} {"target",-20} {"status",-11} {"last step",-28}");
            foreach (var stored in store.ReadAll())
            {
                if (stored.Job is not { } job)
                {
                    Console.WriteLine($"{stored.Id,-24} damaged: {stored.Problem}");
                    continue;
                }

                var last = job.History.Count > 0 ? job.History[^1] : null;
                var state = last is null ? "created" : $"{last.Step}{(last.Disk is null ? "" : " " + last.Disk)} {last.State}";
                Console.WriteLine($"{job.Id,-24} {job.Domain,-20} {job.Plan.TargetDomain,-20} {job.Status,-11} {state,-28}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
