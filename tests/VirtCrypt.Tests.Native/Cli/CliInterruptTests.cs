using System.Diagnostics;
using System.Text.RegularExpressions;
using VirtCrypt.Tests.Native.Libvirt;

namespace VirtCrypt.Tests.Native.Cli;

/// <summary>
/// Ctrl+C ends <c>virtcrypt</c> at once with exit code 130 wherever it waits: at the passphrase and confirmation
/// prompts on a real (pseudo-)terminal, whose echo is on again afterwards, and while LVM waits for a lock another
/// command holds (liblvm2cmd would otherwise take the SIGINT for itself).
/// </summary>
[TestFixture]
[Category("Native")]
public partial class CliInterruptTests
{
    private static readonly TimeSpan Prompted = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    private string work = null!;

    [SetUp]
    public void CreateWork() => work = Directory.CreateTempSubdirectory("virtcrypt-interrupt-").FullName;

    [TearDown]
    public void RemoveWork() => Directory.Delete(work, recursive: true);

    [Test]
    public void CtrlC_AtThePassphrasePrompt_EndsAtOnce_WithTheEchoBackOn()
    {
        var keyFile = Path.Combine(work, "boot.key");
        using var cli = VirtcryptProcess.StartOnTerminal("enroll-keyfile", "--device", Path.Combine(work, "luks.img"), "--key-file", keyFile);
        cli.WaitForOutput("Passphrase: ", Prompted).Should().BeTrue(cli.Output);

        var interrupted = Stopwatch.StartNew();
        cli.Interrupt();

        cli.WaitForExit(AtOnce).Should().Be(130, cli.Output);
        interrupted.Elapsed.Should().BeLessThan(AtOnce);
        cli.Output.Should().Contain("virtcrypt: interrupted.");
        EchoIsOn(cli.Output).Should().BeTrue($"the terminal must echo again after the hidden prompt: {cli.Output}");
        File.Exists(keyFile).Should().BeFalse("nothing was done");
    }

    [Test]
    public void CtrlC_AtTheConfirmationPrompt_EndsAtOnce_AndChangesNothing()
    {
        using var cli = VirtcryptProcess.StartOnTerminal("rollback", "--connect", TestDriver.Uri, "--job-dir", Jobs, "20250101-000000-abcdef");
        cli.WaitForOutput("[y/N] ", Prompted).Should().BeTrue(cli.Output);

        var interrupted = Stopwatch.StartNew();
        cli.Interrupt();

        cli.WaitForExit(AtOnce).Should().Be(130, cli.Output);
        interrupted.Elapsed.Should().BeLessThan(AtOnce);
        EchoIsOn(cli.Output).Should().BeTrue(cli.Output);
        Directory.Exists(Jobs).Should().BeFalse("nothing was done");
    }

    /// <summary>
    /// LVM's lock directory is made private to the test (LVM_SYSTEM_DIR with its own lvm.conf), so the held lock stops
    /// no other LVM command on the machine.
    /// </summary>
    [Test]
    public void CtrlC_WhileLvmWaitsForALock_EndsAtOnce_With130()
    {
        var system = Path.Combine(work, "lvm");
        var locks = Path.Combine(system, "lock");
        Directory.CreateDirectory(locks);
        File.WriteAllText(Path.Combine(system, "lvm.conf"), $"global {{\n  locking_dir = \"{locks}\"\n}}\n");
        using var holder = HoldLock(Path.Combine(locks, "P_global"));

        using var cli = VirtcryptProcess.Start(new Dictionary<string, string> { ["LVM_SYSTEM_DIR"] = system },
            "plan", "--verbose", "--connect", TestDriver.Uri, "--job-dir", Jobs, "--domain", "test", "--vg", "vg0");
        cli.WaitForOutput("Waiting for a lock another LVM command holds", Prompted).Should().BeTrue(cli.Output);

        var interrupted = Stopwatch.StartNew();
        cli.Interrupt();

        cli.WaitForExit(AtOnce).Should().Be(130, cli.Output);
        interrupted.Elapsed.Should().BeLessThan(AtOnce);
        cli.Output.Should().Contain("virtcrypt: interrupted.");
    }

    private string Jobs => Path.Combine(work, "jobs");

    /// <summary>Holds an exclusive flock on <paramref name="path"/> (util-linux flock) until disposed.</summary>
    private static LockHolder HoldLock(string path)
    {
        var holder = Process.Start("flock", [path, "sleep", "120"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ExternalTool.RunToEnd("flock", "--nonblock", "--shared", path, "true").Exit == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                holder.Kill();
                Assert.Fail($"flock never took {path}");
            }

            Thread.Sleep(20);
        }

        return new LockHolder(holder);
    }

    private static bool EchoIsOn(string terminal) => EchoFlag().Matches(terminal).Select(m => m.Value).LastOrDefault() == "echo";

    private sealed class LockHolder(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }

    /// <summary>stty -a lists "echo" or "-echo" among the local flags.</summary>
    [GeneratedRegex(@"(?<=\s)-?echo(?=\s)")]
    private static partial Regex EchoFlag();
}
