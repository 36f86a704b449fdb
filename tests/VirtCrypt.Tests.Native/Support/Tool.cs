using System.Diagnostics;

namespace VirtCrypt.Tests.Native.Support;

/// <summary>Runs a reference command-line tool, only to cross-check what the library reports.</summary>
internal static class Tool
{
    internal static string Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{fileName} {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
