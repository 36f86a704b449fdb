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
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var session = Session.Open(result);
            var plan = await session.Migrations.PlanAsync(options.Request(result), cancellationToken).ConfigureAwait(false);
            Console.Error.Write(MigrationPlanText.Format(plan));
            if (!plan.CanExecute)
            {
                throw new MigrationRefusedException(plan.FailedChecks.ToList());
            }

            Confirmation.Ask(result, $"Migrate '{plan.Request.Domain}' now?");
            var key = keys.Read(result, isNewVolume: true, out var secret);
            using (secret)
            {
                var outcome = await session.Migrations.ExecuteAsync(plan, key, new ConsoleProgress(), cancellationToken).ConfigureAwait(false);
                Summary.Print(outcome, result.GetValue(CommonOptions.Json));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
