namespace VirtCrypt.Cli;

/// <summary>The user answered "no" to a confirmation; exit code <see cref="ExitCodes.Refused"/>, nothing changed.</summary>
internal sealed class CliDeclinedException(string message) : Exception(message);
