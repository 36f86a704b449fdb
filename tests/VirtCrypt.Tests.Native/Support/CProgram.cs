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
            ExternalTool.Run("gcc", ["-std=gnu11", "-Wall", "-Werror", "-o", binary, source, .. linkFlags]);
            return ExternalTool.Run(binary)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(binary);
        }
    }
}
