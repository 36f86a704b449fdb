using System.Runtime.Versioning;
using VirtCrypt.Boot;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Native.Boot;

[TestFixture]
[Category("Native")]
[UnsupportedOSPlatform("windows")]
public class KeyFileTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("virtcrypt-keyfile-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Create_Writes4096RandomBytes_ReadableOnlyByItsOwner()
    {
        var path = Path.Combine(directory, "mail.key");

        KeyFile.Create(path);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead);
        var content = File.ReadAllBytes(path);
        content.Should().HaveCount(4096);
        content.Distinct().Count().Should().BeGreaterThan(200, "4096 random bytes take nearly every byte value");
    }

    [Test]
    public void Create_RefusesAnExistingFile_AndLeavesIt()
    {
        var path = Path.Combine(directory, "mail.key");
        File.WriteAllText(path, "precious");

        FluentActions.Invoking(() => KeyFile.Create(path)).Should().Throw<ObjectAlreadyExistsException>()
            .WithMessage($"Cannot create the keyfile {path}: the file exists and a keyfile is never overwritten; choose a new path.");

        File.ReadAllText(path).Should().Be("precious");
    }

    [Test]
    public void Create_InAMissingDirectory_SaysSo() =>
        FluentActions.Invoking(() => KeyFile.Create(Path.Combine(directory, "none", "mail.key")))
            .Should().Throw<ObjectNotFoundException>().WithMessage("*its directory does not exist.");

    [Test]
    public void TwoKeyFiles_Differ()
    {
        KeyFile.Create(Path.Combine(directory, "a.key"));
        KeyFile.Create(Path.Combine(directory, "b.key"));

        File.ReadAllBytes(Path.Combine(directory, "a.key")).Should().NotEqual(File.ReadAllBytes(Path.Combine(directory, "b.key")));
    }

    [Test]
    public void StorageProbe_OnThisHost_FindsTheMount_AndNoDmCrypt()
    {
        var storage = new StorageEncryptionProbe().Inspect(Path.Combine(directory, "mail.key"));

        storage.MountPoint.Should().NotBeNullOrEmpty();
        Path.Combine(directory, "mail.key").Should().StartWith(storage.MountPoint);
        storage.IsEncrypted.Should().BeFalse("this host's kernel has no device-mapper, so nothing can be dm-crypt");
    }
}
