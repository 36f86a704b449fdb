using System.Diagnostics;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// The fault shim native-stubs/fault/stop_after_dm_create.c, compiled once per test run: a process started with
/// <see cref="Environment"/> stops (SIGSTOP) right after device-mapper created the device of the given name, before
/// its table is loaded, so that a test can SIGKILL it exactly there.
/// </summary>
internal static class StopAfterDeviceMapperCreate
{
    private static readonly Lazy<string> Library = new(Compile);

    /// <summary>The variables that make a process stop after creating the device-mapper device <paramref name="name"/>.</summary>
    internal static IReadOnlyDictionary<string, string> Environment(string name) => new Dictionary<string, string>
    {
        ["LD_PRELOAD"] = Library.Value,
        ["VIRTCRYPT_TEST_STOP_AFTER_DM_CREATE"] = name,
    };

    /// <summary>Waits until <paramref name="process"/> is stopped by the shim; false when it ends first or the time runs out.</summary>
    internal static async Task<bool> WaitUntilStoppedAsync(Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (StateOf(process.Id) == 'T')
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    /// <summary>The state letter in /proc/PID/stat ('T' for stopped); the command name before it may hold spaces.</summary>
    private static char? StateOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Compile()
    {
        var source = Path.Combine(RepositoryPaths.NativeStubs, "fault", "stop_after_dm_create.c");
        var library = Path.Combine(Path.GetTempPath(), $"virtcrypt-stop-after-dm-create-{System.Environment.ProcessId}.so");
        ExternalTool.Run("gcc", "-std=gnu11", "-Wall", "-Werror", "-shared", "-fPIC", "-o", library, source, "-ldl");
        return library;
    }
}
