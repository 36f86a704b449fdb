namespace VirtCrypt.Tests;

/// <summary>The built orchestration sample (samples/VirtCrypt.Orchestration) run as a program: its exit code and output.</summary>
internal static class OrchestrationSample
{
    /// <summary>Runs it to the end; standard output, then standard error, in one string.</summary>
    internal static (int Exit, string Output) Run(params string[] arguments)
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "VirtCrypt.Orchestration", "bin", "Release", "net10.0", "VirtCrypt.Orchestration.dll");
        var (exit, output, error) = ExternalTool.RunToEnd("dotnet", [sample, .. arguments]);
        return (exit, output + error);
    }

    /// <summary>The report's rows after its DOMAIN header, by domain.</summary>
    internal static Dictionary<string, string> ReportRows(string output) => output
        .Split('\n')
        .SkipWhile(line => !line.StartsWith("DOMAIN ", StringComparison.Ordinal))
        .Skip(1)
        .Where(line => line.Length > 0)
        .ToDictionary(line => line.Split(' ')[0]);
}
