using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VirtCrypt.Tests;

/// <summary>
/// The <c>virtcrypt</c> command running as a child process (for tests that kill or interrupt it), its output
/// collected; either with pipes, or on a pseudo-terminal as an administrator runs it (util-linux <c>script</c>).
/// It is the executable <c>VIRTCRYPT_CLI</c> names (scripts/test sets the NativeAOT binary for the Native tier and the
/// installed package's /usr/sbin/virtcrypt in the test host), else the build tree's virtcrypt.dll run by dotnet.
/// </summary>
internal sealed partial class VirtcryptProcess : IDisposable
{
    /// <summary>What the shell around a terminal run prints after virtcrypt ends: its exit code.</summary>
    private const string ExitMarker = "virtcrypt-exit=";

    private readonly StringBuilder output = new();
    private readonly bool onTerminal;
    private readonly List<Task> pumps = [];

    private VirtcryptProcess(Process process, bool onTerminal)
    {
        Process = process;
        this.onTerminal = onTerminal;
    }

    /// <summary>The command line that starts the virtcrypt under test, before its arguments.</summary>
    internal static IReadOnlyList<string> Command => Environment.GetEnvironmentVariable("VIRTCRYPT_CLI") is { Length: > 0 } cli
        ? [cli]
        : ["dotnet", Path.Combine(RepositoryPaths.Root, "samples", "VirtCrypt.Cli", "bin", "Release", "net10.0", "virtcrypt.dll")];

    /// <summary>
    /// Starts the command with SIGINT at its default disposition. A test runner started in the background by a shell
    /// without job control ignores SIGINT, every child inherits that, and .NET keeps an inherited SIG_IGN: Ctrl+C would
    /// then never reach virtcrypt, and the interrupt tests would test the runner's start instead of the command.
    /// </summary>
    private static readonly string[] WithCtrlCDelivered = ["perl", "-e", "$SIG{INT} = \"DEFAULT\"; exec @ARGV or die $!", "--"];

    internal Process Process { get; }

    /// <summary>Standard output and error (on a terminal: everything the terminal showed).</summary>
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

    /// <summary>Runs virtcrypt to its end: exit code, standard output, standard error.</summary>
    internal static (int Exit, string Output, string Error) RunToEnd(params string[] arguments) => RunWithInput(null, arguments);

    /// <summary>As <see cref="RunToEnd"/>, with <paramref name="input"/> (null: none) written to its standard input.</summary>
    internal static (int Exit, string Output, string Error) RunWithInput(string? input, params string[] arguments) =>
        ExternalTool.RunWithInput(Command[0], input, [.. Command.Skip(1), .. arguments]);

    internal static VirtcryptProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>Starts virtcrypt with pipes for its standard streams (so it has no terminal) and <paramref name="environment"/> added.</summary>
    internal static VirtcryptProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(WithCtrlCDelivered[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in WithCtrlCDelivered.Skip(1).Concat(Command).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Started(start, onTerminal: false);
    }

    /// <summary>
    /// Starts virtcrypt on a new pseudo-terminal, in the terminal's foreground process group, as typed into a shell;
    /// after it ends the shell prints its exit code and the terminal's settings (<c>stty -a</c>).
    /// </summary>
    internal static VirtcryptProcess StartOnTerminal(params string[] arguments)
    {
        var words = string.Join(' ', WithCtrlCDelivered.Concat(Command).Concat(arguments).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "--quiet", "--flush", "--return", "--command", $"trap : INT; {words}; echo {ExitMarker}$?; stty -a", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SHELL"] = "/bin/bash";
        return Started(start, onTerminal: true);
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; false when it did not within <paramref name="timeout"/>.</summary>
    internal bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || Process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>Ctrl+C: typed on the terminal, or SIGINT sent to the process.</summary>
    internal void Interrupt()
    {
        if (onTerminal)
        {
            Process.StandardInput.Write('\u0003');
            Process.StandardInput.Flush();
        }
        else
        {
            ExternalTool.Run("kill", "-s", "INT", Process.Id.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>virtcrypt's exit code, or null when it did not end within <paramref name="timeout"/> (then it is killed).</summary>
    internal int? WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout))
        {
            Process.Kill(entireProcessTree: true);
            return null;
        }

        Task.WaitAll([.. pumps], TimeSpan.FromSeconds(10));
        if (!onTerminal)
        {
            return Process.ExitCode;
        }

        var marker = ExitCode().Match(Output);
        return marker.Success ? int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    /// <summary>Collects both streams as they come, not line by line: a prompt ends without a newline.</summary>
    private static VirtcryptProcess Started(ProcessStartInfo start, bool onTerminal)
    {
        var running = new VirtcryptProcess(Process.Start(start)!, onTerminal);
        running.pumps.Add(running.PumpAsync(running.Process.StandardOutput));
        running.pumps.Add(running.PumpAsync(running.Process.StandardError));
        return running;
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        for (var read = await reader.ReadAsync(buffer); read > 0; read = await reader.ReadAsync(buffer))
        {
            lock (output)
            {
                output.Append(buffer, 0, read);
            }
        }
    }

    [GeneratedRegex(ExitMarker + @"(\d+)")]
    private static partial Regex ExitCode();
}
