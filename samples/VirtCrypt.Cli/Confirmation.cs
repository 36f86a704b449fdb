using System.CommandLine;

namespace VirtCrypt.Cli;

/// <summary>Asks "y/N" on the terminal unless <c>--yes</c> was given.</summary>
internal static class Confirmation
{
    internal static async Task AskAsync(ParseResult result, string question, CancellationToken cancellationToken)
    {
        if (result.GetValue(CommonOptions.Yes))
        {
            return;
        }

        if (Console.IsInputRedirected)
        {
            throw new CliUsageException("No terminal to confirm on: add --yes to proceed without asking.");
        }

        Console.Error.Write($"{question} [y/N] ");
        var answer = await InterruptiblePrompt.ReadAsync(Console.ReadLine, cancellationToken).ConfigureAwait(false);
        if (answer?.Trim() is not ("y" or "Y" or "yes"))
        {
            throw new CliDeclinedException("Not confirmed; nothing was changed.");
        }
    }
}
