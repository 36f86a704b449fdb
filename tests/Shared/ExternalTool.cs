using System.Diagnostics;

namespace VirtCrypt.Tests;

/// <summary>
/// Runs a reference command-line tool, for test setup and cross-checks only (the product never spawns one).
/// </summary>
internal static class ExternalTool
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>Returns the tool's standard output; a non-zero exit fails with its standard error.</summary>
    internal static string Run(string fileName, params string[] arguments)
    {
        var (exit, output, error) = RunToEnd(fileName, arguments);
        return exit == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({exit}): {error}");
    }

    /// <summary>Runs the tool to its end, whatever its exit code: the exit code, standard output and standard error.</summary>
    internal static (int Exit, string Output, string Error) RunToEnd(string fileName, params string[] arguments) =>
        RunToEnd(NoEnvironment, null, fileName, arguments);

    /// <summary>As <see cref="RunToEnd(string, string[])"/>, with <paramref name="input"/> written to its standard input (then closed).</summary>
    internal static (int Exit, string Output, string Error) RunWithInput(string fileName, string? input, params string[] arguments) =>
        RunToEnd(NoEnvironment, input, fileName, arguments);

    /// <summary>Runs the tool to its end with <paramref name="environment"/> added to this process's environment.</summary>
    internal static (int Exit, string Output, string Error) RunToEnd(
        IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments) =>
        RunToEnd(environment, null, fileName, arguments);

    private static (int Exit, string Output, string Error) RunToEnd(
        IReadOnlyDictionary<string, string> environment, string? input, string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
