using System.Diagnostics;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Tests.Unit.Copy;

namespace VirtCrypt.Tests.Unit.Crypto;

/// <summary>
/// Keyfiles and passphrase files are checked when the key is made, before any volume exists: an empty, oversized or
/// too short keyfile, a FIFO, device or directory, an empty first line are refused with a message that names the file
/// and what to do. A FIFO never blocks.
/// </summary>
[TestFixture]
[Category("Unit")]
public class KeySourceTests
{
    private static readonly TimeSpan NeverBlocks = TimeSpan.FromSeconds(5);

    private TempDirectory directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = new TempDirectory();

    [TearDown]
    public void RemoveDirectory() => directory.Dispose();

    [Test]
    public void FromKeyFile_RefusesAnEmptyFile()
    {
        var path = Write("empty.key", []);

        FluentActions.Invoking(() => LuksKey.FromKeyFile(path)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {path} is empty: a key of 0 bytes would open the volume for anyone. Fill it with random bytes (for example head -c 64 /dev/urandom > {path}) or give another file.");
    }

    [Test]
    public void FromKeyFile_RefusesAnOffsetAtTheEnd_AsEmpty()
    {
        var path = Write("short.key", new byte[16]);

        FluentActions.Invoking(() => LuksKey.FromKeyFile(path, offset: 16)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {path} is empty from offset 16:*");
    }

    [Test]
    public void FromKeyFile_RefusesMoreThanLibcryptsetupsLimit()
    {
        var path = directory.File("huge.key");
        using (var file = File.Create(path))
        {
            file.SetLength(Secret.MaxKeyFileBytes + 1L);
        }

        FluentActions.Invoking(() => LuksKey.FromKeyFile(path)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {path} gives 8 MiB (8388609 bytes), more than libcryptsetup's limit of 8388608 bytes (8 MiB): use a smaller keyfile*");
        LuksKey.FromKeyFile(path, size: 64).ToString().Should().Be($"keyfile {path}", "a part within the limit may be used");
    }

    [Test]
    public void FromKeyFile_RefusesASizeTheFileDoesNotHold()
    {
        var path = Write("short.key", new byte[32]);

        FluentActions.Invoking(() => LuksKey.FromKeyFile(path, offset: 8, size: 64)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {path} holds 24 bytes from offset 8, fewer than the 64 bytes to read:*");
    }

    [TestCase("/dev/null", "a character device")]
    [TestCase("/tmp", "a directory")]
    public void FromKeyFile_RefusesAnythingButARegularFile(string path, string kind) =>
        FluentActions.Invoking(() => LuksKey.FromKeyFile(path)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {path} is {kind}, not a regular file:*");

    [Test]
    public void FromKeyFile_RefusesAFifo_WithoutWaitingForAWriter()
    {
        var fifo = Fifo("key.fifo");
        var started = Stopwatch.StartNew();

        FluentActions.Invoking(() => LuksKey.FromKeyFile(fifo)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The keyfile {fifo} is a FIFO (named pipe), not a regular file:*");
        started.Elapsed.Should().BeLessThan(NeverBlocks);
    }

    [Test]
    public void FromKeyFile_FollowsASymlink_ToARegularFile()
    {
        var target = Write("real.key", [1, 2, 3]);
        var link = directory.File("link.key");
        File.CreateSymbolicLink(link, target);

        LuksKey.FromKeyFile(link).ToString().Should().Be($"keyfile {link}");
    }

    [Test]
    public void ReadFile_ReadsTheGivenRange_OrToTheEnd()
    {
        var path = Write("key", [10, 11, 12, 13, 14, 15]);

        using (var all = Secret.ReadFile(path, 0, 0))
        {
            all.Bytes.ToArray().Should().Equal(10, 11, 12, 13, 14, 15);
        }

        using var part = Secret.ReadFile(path, 2, 3);
        part.Bytes.ToArray().Should().Equal(12, 13, 14);
    }

    [Test]
    public void ReadFile_ChecksTheFileAgain_WhenItWasEmptiedAfterTheKeyWasMade()
    {
        var path = Write("key", [1, 2, 3, 4]);
        LuksKey.FromKeyFile(path);
        File.WriteAllBytes(path, []);

        FluentActions.Invoking(() => Secret.ReadFile(path, 0, 0)).Should().Throw<InvalidKeyException>().WithMessage("*is empty*");
    }

    [TestCase("hunter2\nsecond line\n", "hunter2")]
    [TestCase("no newline", "no newline")]
    [TestCase("pässwörd\n", "pässwörd")]
    public void FromPassphraseFile_IsTheFirstLine(string content, string passphrase)
    {
        var path = Write("passphrase", System.Text.Encoding.UTF8.GetBytes(content));

        using var read = Secret.FromPassphraseFile(path);
        using var expected = Secret.FromChars(passphrase.AsSpan());

        read.ContentEquals(expected).Should().BeTrue();
    }

    [TestCase("")]
    [TestCase("\n")]
    [TestCase("\nthe passphrase on the second line\n")]
    public void FromPassphraseFile_RefusesAnEmptyFirstLine(string content)
    {
        var path = Write("passphrase", System.Text.Encoding.UTF8.GetBytes(content));

        FluentActions.Invoking(() => Secret.FromPassphraseFile(path)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The first line of the passphrase file {path} is empty: an empty passphrase protects nothing. Write the passphrase on its first line.");
    }

    [Test]
    public void FromPassphraseFile_RefusesALineLongerThanAPassphrase()
    {
        var path = Write("binary", new byte[Secret.MaxPassphraseBytes + 1]);

        FluentActions.Invoking(() => Secret.FromPassphraseFile(path)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The passphrase file {path} does not start with a line of at most 512 bytes: use a keyfile for binary keys.");
    }

    [Test]
    public void FromPassphraseFile_RefusesAFifo_WithoutWaitingForAWriter()
    {
        var fifo = Fifo("passphrase.fifo");
        var started = Stopwatch.StartNew();

        FluentActions.Invoking(() => Secret.FromPassphraseFile(fifo)).Should().Throw<InvalidKeyException>()
            .WithMessage($"The passphrase file {fifo} is a FIFO (named pipe), not a regular file:*");
        started.Elapsed.Should().BeLessThan(NeverBlocks);
    }

    [Test]
    public void FromPassphraseFile_OfAMissingFile_SaysItDoesNotExist()
    {
        var path = directory.File("absent");

        FluentActions.Invoking(() => Secret.FromPassphraseFile(path)).Should().Throw<ObjectNotFoundException>()
            .WithMessage($"The passphrase file {path} does not exist.");
    }

    private string Write(string name, byte[] content)
    {
        var path = directory.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Fifo(string name)
    {
        var path = directory.File(name);
        ExternalTool.Run("mkfifo", path);
        return path;
    }
}
