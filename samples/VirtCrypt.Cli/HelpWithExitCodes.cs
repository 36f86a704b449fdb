using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VirtCrypt.Cli;

/// <summary>The standard help, and after the global help (<c>virtcrypt --help</c>) the exit codes.</summary>
internal sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    internal static void Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpWithExitCodes((HelpAction)option.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var status = help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is RootCommand)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in ExitCodes.All)
            {
                output.WriteLine($"  {code,-3}  {meaning}");
            }

            output.WriteLine();
        }

        return status;
    }
}
