namespace VirtCrypt.Cli;

/// <summary>The command line asks for something impossible; exit code <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
