namespace VirtCrypt.Tests.Integration.Support;

/// <summary>Reads what a guest wrote to its file-backed serial port.</summary>
internal static class SerialLog
{
    /// <summary>Waits until the log contains <paramref name="text"/> and returns the whole log; fails with what it saw.</summary>
    internal static string WaitFor(string path, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                seen = File.ReadAllText(path);
                if (seen.Contains(text, StringComparison.Ordinal))
                {
                    return seen;
                }
            }

            Thread.Sleep(250);
        }

        Assert.Fail($"The guest did not print '{text}' within {timeout.TotalSeconds} s; its serial log has: '{seen}'");
        return seen;
    }
}
