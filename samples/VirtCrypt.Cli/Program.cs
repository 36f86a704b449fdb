using System.CommandLine;
using VirtCrypt.Cli;

var root = new RootCommand("virtcrypt: move libvirt/KVM guests onto LUKS-encrypted LVM volumes and run them from there.")
{
    PlanCommand.Create(),
    MigrateCommand.Create(),
    JobCommands.Resume(),
    JobCommands.Rollback(),
    JobCommands.List(),
    GuestCommands.Open(),
    GuestCommands.Close(),
    GuestCommands.Start(),
    GuestCommands.Stop(),
    GuestCommands.Status(),
    GuestCommands.HeaderBackup(),
    BootCommands.BootConfig(),
    KeyCommands.EnrollKeyFile(),
    KeyCommands.RemoveKey(),
    VersionsCommand.Create(),
};
root.Options.Add(CommonOptions.Connect);
root.Options.Add(CommonOptions.JobDirectory);
root.Options.Add(CommonOptions.Verbose);
var parsed = root.Parse(args);
// Ctrl+C cancels the command's token; the grace period lets a migration reach its next checkpoint and journal it.
return parsed.Errors.Count > 0
    ? UsageError(parsed)
    : await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });

static int UsageError(ParseResult parsed)
{
    if (parsed.Tokens.Any(t => t.Value == "--json"))
    {
        CommandRunner.Report(json: true, new Failure(ExitCodes.Usage, "usage", string.Join(" ", parsed.Errors.Select(UsageErrors.Describe))));
        return ExitCodes.Usage;
    }

    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"virtcrypt: {UsageErrors.Describe(error)}");
    }

    Console.Error.WriteLine("Try 'virtcrypt --help'.");
    return ExitCodes.Usage;
}
