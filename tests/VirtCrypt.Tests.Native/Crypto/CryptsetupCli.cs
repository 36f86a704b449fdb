using System.Diagnostics;

namespace VirtCrypt.Tests.Native.Crypto;

/// <summary>
/// The cryptsetup command, only to cross-check the library's results. The passphrase goes through stdin
/// (<c>--key-file=-</c>), never argv.
/// </summary>
internal static class CryptsetupCli
{
    internal static int Run(byte[] passphrase, params string[] arguments)
    {
        var start = new ProcessStartInfo("cryptsetup")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--batch-mode");
        start.ArgumentList.Add("--key-file=-");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(passphrase);
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
