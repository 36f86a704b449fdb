using System.Diagnostics;
using VirtCrypt.Tests.Native.Libvirt;

namespace VirtCrypt.Tests.Native.Cli;

/// <summary>
/// What <c>virtcrypt</c> says when it refuses: sentences for an administrator, never .NET type or parameter names,
/// no logger lines unless <c>--verbose</c>; a bad key source is refused before anything else happens.
/// </summary>
[TestFixture]
[Category("Native")]
public class CliMessageTests
{
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(60);

    private string work = null!;

    [SetUp]
    public void CreateWork() => work = Directory.CreateTempSubdirectory("virtcrypt-messages-").FullName;

    [TearDown]
    public void RemoveWork() => Directory.Delete(work, recursive: true);

    [TestCase("--key-size", "abc", "'abc' is not a valid value for --key-size: give a whole number.")]
    [TestCase("--shutdown-timeout", "soon", "'soon' is not a valid value for --shutdown-timeout: give a whole number.")]
    [TestCase("--pbkdf", "scrypt", "'scrypt' is not a valid value for --pbkdf: give one of argon2id, argon2i, pbkdf2.")]
    [TestCase("--mode", "hot", "'hot' is not a valid value for --mode: give one of clone, retarget, live, in-place.")]
    [TestCase("--mode", "2", "'2' is not a valid value for --mode: give one of clone, retarget, live, in-place.")]
    public void AValueOfTheWrongType_IsDescribedInWords(string option, string value, string message)
    {
        var (exit, output) = Run("plan", "--domain", "test", "--vg", "vg0", option, value);

        exit.Should().Be(2);
        output.Should().Contain($"virtcrypt: {message}").And.NotContain("System.").And.NotContain("VirtCrypt.");
    }

    [TestCase("virtcrypt: --domain needs a value.", "plan", "--vg", "vg0", "--domain", "")]
    [TestCase("virtcrypt: --shutdown-timeout takes a number of seconds, 0 or more.", "plan", "--vg", "vg0", "--domain", "test", "--shutdown-timeout", "-1")]
    [TestCase("virtcrypt: --shutdown-timeout takes a number of seconds, 0 or more.", "stop", "--domain", "test", "--shutdown-timeout", "-5")]
    [TestCase("virtcrypt: --device needs a value.", "header-backup", "--device", "", "--file", "/tmp/virtcrypt-never-written")]
    [TestCase("virtcrypt: '' is not a valid value for --key-file: give the path of a file.", "migrate", "--vg", "vg0", "--domain", "test", "--key-file", "")]
    [TestCase("virtcrypt: '' is not a valid value for --header-backup: give the path of a directory.", "plan", "--vg", "vg0", "--domain", "test", "--header-backup", "")]
    public void AnEmptyOrNegativeValue_IsRefusedWhileParsing(string message, params string[] arguments)
    {
        var (exit, output) = Run(arguments);

        exit.Should().Be(2);
        output.Should().StartWith(message + "\n").And.NotContain("System.");
    }

    [Test]
    public void AnEmptyVolumeGroup_IsBadUsage_WithoutAParameterName()
    {
        var (exit, output) = Run("plan", "--domain", "test", "--vg", "");

        exit.Should().Be(2);
        output.Should().Be("virtcrypt: The migration request names no volume group: give the volume group that receives the new volumes.\n");
    }

    [Test]
    public void LibraryLogLines_AppearOnlyWithVerbose()
    {
        var (exit, quiet) = Run("close", "--force", "virtcrypt-no-such-mapping");
        var (_, verbose) = Run("close", "--force", "--verbose", "virtcrypt-no-such-mapping");

        exit.Should().Be(1);
        quiet.Should().StartWith("virtcrypt: Cannot close /dev/mapper/virtcrypt-no-such-mapping").And.NotContain("fail:").And.NotContain("dbug:");
        quiet.Trim().Split('\n').Should().ContainSingle("the command says what failed in one line");
        verbose.Should().Contain("VirtCrypt.Crypto.LuksVolume");
    }

    [Test]
    public void Migrate_WithAnEmptyKeyFile_IsRefusedBeforeAnythingElse()
    {
        var key = Path.Combine(work, "empty.key");
        File.WriteAllBytes(key, []);

        var (exit, output) = Run("migrate", "--domain", "test", "--vg", "vg0", "--yes", "--key-file", key);

        exit.Should().Be(2);
        output.Should().Be($"virtcrypt: The keyfile {key} is empty: a key of 0 bytes would open the volume for anyone. " +
            $"Fill it with random bytes (for example head -c 64 /dev/urandom > {key}) or give another file.\n");
        Directory.Exists(Jobs).Should().BeFalse("no job was created");
    }

    [Test]
    public void Migrate_WithAFifoAsPassphraseFile_IsRefusedAtOnce()
    {
        var fifo = Path.Combine(work, "passphrase");
        ExternalTool.Run("mkfifo", fifo);
        var started = Stopwatch.StartNew();

        var (exit, output) = Run("migrate", "--domain", "test", "--vg", "vg0", "--yes", "--passphrase-file", fifo);

        exit.Should().Be(2);
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "a FIFO without a writer must never block the command");
        output.Should().StartWith($"virtcrypt: The passphrase file {fifo} is a FIFO (named pipe), not a regular file");
        Directory.Exists(Jobs).Should().BeFalse();
    }

    private string Jobs => Path.Combine(work, "jobs");

    private (int Exit, string Output) Run(params string[] arguments)
    {
        using var cli = VirtcryptProcess.Start([.. arguments, "--connect", TestDriver.Uri, "--job-dir", Jobs]);
        var exit = cli.WaitForExit(Ends);
        exit.Should().NotBeNull($"virtcrypt {string.Join(' ', arguments)} must end: {cli.Output}");
        return (exit!.Value, cli.Output);
    }
}
