using System.Diagnostics;
using System.Globalization;

namespace VirtCrypt.Tests.Native.Support;

/// <summary>
/// Compiles one of the C programs in <c>native-stubs/abi</c> against the installed headers and runs it. Each prints
/// <c>name=value</c> lines (sizeof, offsetof, constants), which the ABI tests compare with the C# declarations.
/// </summary>
internal static class CProgram
{
    internal static IReadOnlyDictionary<string, long> RunAbiProbe(string sourceName, params string[] linkFlags)
    {
        var source = Path.Combine(RepositoryPaths.NativeStubs, "abi", sourceName);
        var binary = Path.Combine(Path.GetTempPath(), $"virtcrypt-abi-{Path.GetFileNameWithoutExtension(sourceName)}-{Environment.ProcessId}");
        try
        {
            Run("gcc", ["-std=gnu11", "-Wall", "-Werror", "-o", binary, source, .. linkFlags]);
            return Run(binary, [])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(binary);
        }
    }

    private static string Run(string fileName, string[] arguments)
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
        process.ExitCode.Should().Be(0, $"{fileName} failed: {error}");
        return output;
    }
}
