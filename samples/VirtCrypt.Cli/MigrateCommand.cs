using System.CommandLine;
using VirtCrypt.Migration;
using VirtCrypt.Storage;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt migrate</c>: plan, confirm, ask for the passphrase twice, run with a progress bar, summarize.</summary>
internal static class MigrateCommand
{
    internal static Command Create()
    {
        var options = new MigrationOptions();
        var keys = new KeyOptions();
        var command = new Command("migrate", "Move a domain's disks onto new LUKS-encrypted logical volumes and define it there.")
        {
            CommonOptions.Yes,
            CommonOptions.Json,
        };
        options.AddTo(command);
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            // A key given as a file is checked before the plan: a bad keyfile is reported before anything else.
            using var fromFile = keys.FromFiles(result);
            using var session = Session.Open(result);
            var plan = await session.Migrations.PlanAsync(options.Request(result), cancellationToken).ConfigureAwait(false);
            var json = result.GetValue(CommonOptions.Json);
            if (!json)
            {
                Console.Error.Write(MigrationPlanText.Format(plan));
            }

            if (!plan.CanExecute)
            {
                throw new MigrationRefusedException(plan.FailedChecks.ToList());
            }

            await Confirmation.AskAsync(result, $"Migrate '{plan.Request.Domain}' now?", cancellationToken).ConfigureAwait(false);
            using (var prompted = fromFile is null ? await keys.ReadAsync(result, isNewVolume: true, cancellationToken).ConfigureAwait(false) : null)
            {
                var key = fromFile ?? prompted!;
                var outcome = await session.Migrations.ExecuteAsync(plan, key, JsonProgress.For(json), cancellationToken).ConfigureAwait(false);
                Summary.Print(outcome, json, "migrate");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
