using System.Diagnostics;
using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>The built <c>virtcrypt</c> command running as a child process (for tests that kill it), its output collected.</summary>
internal sealed class VirtcryptProcess : IDisposable
{
    private readonly StringBuilder output = new();

    private VirtcryptProcess(Process process) => Process = process;

    internal Process Process { get; }

    internal string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    internal static VirtcryptProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>Starts it with <paramref name="environment"/> added to the test's own environment.</summary>
    internal static VirtcryptProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "samples", "VirtCrypt.Cli", "bin", "Release", "net10.0", "virtcrypt.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var running = new VirtcryptProcess(Process.Start(start)!);
        running.Process.OutputDataReceived += (_, e) => running.Append(e.Data);
        running.Process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        running.Process.BeginOutputReadLine();
        running.Process.BeginErrorReadLine();
        return running;
    }

    public void Dispose() => Process.Dispose();

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
