using System.CommandLine;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt plan</c>: what a migration would do and every check, changing nothing.</summary>
internal static class PlanCommand
{
    internal static Command Create()
    {
        var options = new MigrationOptions();
        var command = new Command("plan", "Show what a migration would do, with every check and the new domain XML; change nothing.")
        {
            CommonOptions.Json,
        };
        options.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            var plan = await session.Migrations.PlanAsync(options.Request(result), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(CommonOptions.Json))
            {
                JsonDocuments.Print(
                    new PlanDocument(JsonDocuments.Schema, "plan", plan.CanExecute, JsonDocuments.Embedded(plan)), JsonDocuments.Context.PlanDocument);
            }
            else
            {
                Console.WriteLine(MigrationPlanText.Format(plan, includeXml: true));
            }

            return plan.CanExecute ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }
}
