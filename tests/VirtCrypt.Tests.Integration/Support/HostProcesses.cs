namespace VirtCrypt.Tests.Integration.Support;

/// <summary>The processes running in the test host (qemu, swtpm), read from /proc.</summary>
internal static class HostProcesses
{
    /// <summary>The command lines (arguments joined by spaces) of the running processes whose command line contains <paramref name="text"/>.</summary>
    internal static IReadOnlyList<string> CommandLinesContaining(string text) =>
        [.. Directory.GetDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0]))
            .Select(d => ReadCommandLine(Path.Combine(d, "cmdline")))
            .Where(c => c.Contains(text, StringComparison.Ordinal))];

    private static string ReadCommandLine(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
