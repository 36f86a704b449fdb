using System.Runtime.Versioning;
using System.Security.Cryptography;
using VirtCrypt.Boot;
using VirtCrypt.Errors;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Tests.Unit.Boot;

/// <summary>
/// What <c>boot-config --write</c> does with whatever is at the crypttab and drop-in paths: a regular file is replaced
/// with its mode and owner kept, a link is followed to the file it points to (and stays), anything else is refused
/// before a single byte is written. Each case compares the directory before and after (types, modes, owners, link
/// targets, contents). Needs root for chown and mknod, as boot-config itself does.
/// </summary>
[TestFixture]
[Category("Unit")]
[NonParallelizable]
[UnsupportedOSPlatform("windows")]
public class ConfigurationFileWriteTests
{
    private const string Before = "# host volumes\ncr_root UUID=11111111-2222-3333-4444-555555555555 none luks\n";

    private static readonly EncryptedVolume Vda =
        new("cr_mail-clone_vda", "/dev/vg0/mail-clone_vda", Guid.Parse("5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab"), AllowDiscards: true);

    private string directory = null!;

    private string Crypttab => Path.Combine(directory, "crypttab");

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("virtcrypt-config-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void RegularFile_IsReplaced_KeepingItsModeAndOwner_AndSoIsItsBackup()
    {
        File.WriteAllText(Crypttab, Before);
        File.SetUnixFileMode(Crypttab, (UnixFileMode)0b110_100_000);
        ExternalTool.Run("chown", "1234:5678", Crypttab);

        var backups = Config().Write(Crypttab);

        backups.Should().Equal(Crypttab + ".virtcrypt-bak");
        File.ReadAllText(Crypttab).Should().StartWith(Before).And.Contain("cr_mail-clone_vda UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab none luks,discard");
        File.ReadAllText(backups[0]).Should().Be(Before);
        Describe(Crypttab).Should().Be("regular file 640 1234:5678");
        Describe(backups[0]).Should().Be("regular file 640 1234:5678");
        Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Should().BeEquivalentTo("crypttab", "crypttab.virtcrypt-bak", "libvirtd.service.d");
    }

    [Test]
    public void SymbolicLink_ToARegularFile_UpdatesTheTarget_AndTheLinkStays()
    {
        var real = Path.Combine(directory, "conf", "crypttab.real");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, Before);
        File.SetUnixFileMode(real, (UnixFileMode)0b110_000_000);
        File.CreateSymbolicLink(Crypttab, "conf/crypttab.real");

        var backups = Config().Write(Crypttab);

        new FileInfo(Crypttab).LinkTarget.Should().Be("conf/crypttab.real", "the link itself is not replaced");
        File.ReadAllText(real).Should().StartWith(Before).And.Contain("cr_mail-clone_vda");
        Describe(real).Should().Be("regular file 600 0:0");
        backups.Should().Equal(real + ".virtcrypt-bak");
        File.ReadAllText(backups[0]).Should().Be(Before);
        Directory.GetFiles(Path.Combine(directory, "conf")).Select(Path.GetFileName).Should().BeEquivalentTo("crypttab.real", "crypttab.real.virtcrypt-bak");
    }

    [Test]
    public async Task DanglingSymbolicLink_IsRefused_AndNothingChanges()
    {
        File.CreateSymbolicLink(Crypttab, "missing/crypttab");

        var refused = await RefusedWithoutChange(() => Config().Write(Crypttab));

        refused.Should().Be(
            $"Cannot use {Crypttab}: it is a symbolic link to {directory}/missing/crypttab, which does not exist. VirtCrypt reads and replaces only " +
            "regular files (a symbolic link to one is followed, and stays). Point the link at the real file, or remove it; nothing was written.");
    }

    [Test]
    public async Task SymbolicLink_ToDevNull_IsRefused_AndNothingChanges()
    {
        File.CreateSymbolicLink(Crypttab, "/dev/null");

        (await RefusedWithoutChange(() => Config().Write(Crypttab))).Should().StartWith(
            $"Cannot use {Crypttab}: it is a symbolic link to /dev/null, which is a character device. VirtCrypt reads and replaces only regular files");
        Describe("/dev/null").Should().Be("character special file 666 0:0");
    }

    [Test]
    public async Task DeviceNode_IsRefused_AndNothingChanges()
    {
        ExternalTool.Run("mknod", "-m", "600", Crypttab, "c", "1", "3");

        (await RefusedWithoutChange(() => Config().Write(Crypttab))).Should().StartWith($"Cannot use {Crypttab}: it is a character device. ")
            .And.EndWith("Give the path of the file itself; nothing was written.");
    }

    [Test]
    public async Task Fifo_IsRefused_WithoutWaitingOnIt_AndNothingChanges()
    {
        ExternalTool.Run("mkfifo", Crypttab);

        (await RefusedWithoutChange(() => Config().Write(Crypttab))).Should().StartWith($"Cannot use {Crypttab}: it is a FIFO (named pipe). ");
        await FluentActions.Awaiting(() => Task.Run(() => CrypttabFile.Load(Crypttab)))
            .Should().ThrowWithinAsync<OperationNotSupportedException>(TimeSpan.FromSeconds(10), "reading a FIFO would wait for a writer");
    }

    [Test]
    public async Task Directory_IsRefused_AndNothingChanges()
    {
        Directory.CreateDirectory(Path.Combine(Crypttab, "sub"));

        (await RefusedWithoutChange(() => Config().Write(Crypttab))).Should().StartWith($"Cannot use {Crypttab}: it is a directory. ");
    }

    [Test]
    public async Task DropInPath_ThatIsAFifo_StopsEverything_BeforeCrypttabIsWritten()
    {
        File.WriteAllText(Crypttab, Before);
        var dropIns = Directory.CreateDirectory(Path.Combine(directory, "libvirtd.service.d")).FullName;
        ExternalTool.Run("mkfifo", Path.Combine(dropIns, "virtcrypt-mail-clone.conf"));

        (await RefusedWithoutChange(() => Config().Write(Crypttab))).Should().StartWith(
            $"Cannot use {dropIns}/virtcrypt-mail-clone.conf: it is a FIFO (named pipe). ");
        File.ReadAllText(Crypttab).Should().Be(Before);
    }

    [Test]
    public void DropIn_ThroughASymbolicLink_UpdatesTheTarget()
    {
        var dropIn = SystemdDropIn.For(directory, "mail", ["cr_mail_vda"]);
        var real = Path.Combine(directory, "real.conf");
        File.WriteAllText(real, "[Unit]\nAfter=old.service\n");
        File.CreateSymbolicLink(dropIn.Path, "real.conf");

        dropIn.Save().Should().Be(real + ".virtcrypt-bak");

        File.ReadAllText(real).Should().Be(dropIn.Text);
        new FileInfo(dropIn.Path).LinkTarget.Should().Be("real.conf");
        dropIn.Save().Should().BeNull("the file it points to is now identical");
    }

    [TestCase("/etc/hostname")]
    [TestCase("missing")]
    public void TemporaryAndBackupFiles_AreCreatedExclusively_NeverThroughALink(string linkTarget)
    {
        var link = Path.Combine(directory, ".crypttab.tmp");
        File.CreateSymbolicLink(link, linkTarget);
        var before = Snapshot();
        var hostname = File.ReadAllText("/etc/hostname");

        FluentActions.Invoking(() => DurableFile.WriteNew(link, "new"u8, AtomicFile.ConfigurationMode)).Should().Throw<ObjectAlreadyExistsException>().WithMessage($"{link} already exists*");

        Snapshot().Should().Equal(before);
        File.ReadAllText("/etc/hostname").Should().Be(hostname);
    }

    private BootConfig Config() => BootConfig.For("mail-clone", [Vda], dropInDirectories: [Path.Combine(directory, "libvirtd.service.d")]);

    /// <summary>
    /// Runs <paramref name="write"/>, which must be refused (promptly: a FIFO must never be waited on), and checks that
    /// the directory is exactly as it was.
    /// </summary>
    private async Task<string> RefusedWithoutChange(Action write)
    {
        var before = Snapshot();

        var refused = (await FluentActions.Awaiting(() => Task.Run(write))
            .Should().ThrowWithinAsync<OperationNotSupportedException>(TimeSpan.FromSeconds(10))).Which.Message;

        Snapshot().Should().Equal(before, "nothing is written, created or removed");
        return refused;
    }

    /// <summary>Every entry under the directory: path, type, mode, owner, size, link target, and a regular file's content hash.</summary>
    private List<string> Snapshot() =>
        ExternalTool.Run("find", directory, "-printf", "%p|%y|%m|%U:%G|%s|%l\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|') is [var path, "f", ..] ? $"{line}|{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}" : line)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Describe(string path) => ExternalTool.Run("stat", "-c", "%F %a %u:%g", path).Trim();
}
