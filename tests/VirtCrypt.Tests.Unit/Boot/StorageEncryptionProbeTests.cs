using VirtCrypt.Boot;

namespace VirtCrypt.Tests.Unit.Boot;

/// <summary>The probe over a made-up /proc and /sys: the shapes real hosts have.</summary>
[TestFixture]
[Category("Unit")]
public class StorageEncryptionProbeTests
{
    private const string MountInfo = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        23 22 253:2 / /srv rw,relatime shared:2 - ext4 /dev/mapper/vg0-srv rw
        24 22 253:3 / /root/my\040keys rw,relatime - xfs /dev/mapper/luks-home rw
        25 22 0:45 / /tmp rw,nosuid shared:3 - tmpfs tmpfs rw,size=1024k
        26 22 0:46 / /data rw shared:4 - btrfs /dev/dm-7 rw
        27 23 8:17 / /srv/plain rw shared:5 - ext4 /dev/sdb1 rw
        """;

    private string root = null!;
    private StorageEncryptionProbe probe = null!;

    [SetUp]
    public void FakeProcAndSys()
    {
        root = Directory.CreateTempSubdirectory("virtcrypt-probe-").FullName;
        Write("proc/self/mountinfo", MountInfo);
        Device("dev/block/8:1");
        Device("dev/block/8:17");
        Device("dev/block/253:2", dmUuid: "LVM-abcdef", slaves: ["dm-1"]);
        Device("class/block/dm-1", dmUuid: "CRYPT-LUKS2-0b6c5f574a3f4b3c9c518b4a2f0b9e11-luks-pv", dmName: "luks-pv", slaves: ["md0"]);
        Device("class/block/md0");
        Device("dev/block/253:3", dmUuid: "CRYPT-LUKS2-5f0c2a4e9b1d4c3e8a7f0123456789ab-luks-home", dmName: "luks-home");
        Device("class/block/dm-7", dmUuid: "CRYPT-PLAIN-data", dmName: "data");
        probe = new StorageEncryptionProbe(Path.Combine(root, "proc"), Path.Combine(root, "sys"));
    }

    [TearDown]
    public void Remove() => Directory.Delete(root, recursive: true);

    [Test]
    public void APlainPartition_IsNotEncrypted() =>
        probe.Inspect("/etc/keys/mail.key").Should().Be(new PathStorage("/etc/keys/mail.key", "/", "/dev/sda1", "ext4", null));

    [Test]
    public void AnLvOnAnEncryptedPv_IsEncrypted_ByTheDeviceUnderIt() =>
        probe.Inspect("/srv/keys/mail.key").EncryptedBy.Should().Be("/dev/mapper/luks-pv");

    [Test]
    public void TheLongestMountPointWins() =>
        probe.Inspect("/srv/plain/mail.key").Should().BeEquivalentTo(new { MountPoint = "/srv/plain", IsEncrypted = false });

    [Test]
    public void AnEscapedMountPoint_IsMatched() =>
        probe.Inspect("/root/my keys/mail.key").Should().BeEquivalentTo(new { MountPoint = "/root/my keys", EncryptedBy = "/dev/mapper/luks-home" });

    [Test]
    public void Tmpfs_IsVolatile_AndNotEncrypted() =>
        probe.Inspect("/tmp/mail.key").Should().BeEquivalentTo(new { IsVolatile = true, IsEncrypted = false, Source = "tmpfs" });

    [Test]
    public void AFilesystemWithoutABlockDeviceNumber_IsFoundByItsSourceName() =>
        probe.Inspect("/data/mail.key").EncryptedBy.Should().Be("/dev/mapper/data");

    [Test]
    public void APrefixThatIsNoPathBoundary_DoesNotMatch() =>
        probe.Inspect("/srvx/mail.key").MountPoint.Should().Be("/");

    private void Device(string path, string? dmUuid = null, string? dmName = null, string[]? slaves = null)
    {
        Directory.CreateDirectory(Path.Combine(root, "sys", path));
        if (dmUuid is not null)
        {
            Write($"sys/{path}/dm/uuid", dmUuid + "\n");
        }

        if (dmName is not null)
        {
            Write($"sys/{path}/dm/name", dmName + "\n");
        }

        foreach (var slave in slaves ?? [])
        {
            Directory.CreateDirectory(Path.Combine(root, "sys", path, "slaves", slave));
        }
    }

    private void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
        File.WriteAllText(Path.Combine(root, path), content);
    }
}
