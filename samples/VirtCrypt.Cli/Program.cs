using System.CommandLine;
using VirtCrypt.Cli;

var parsed = VirtcryptCommand.Create().Parse(args);
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
