using VirtCrypt.Boot;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Boot;

[TestFixture]
[Category("Unit")]
public class BootConfigTests
{
    private static readonly EncryptedVolume Vda =
        new("cr_mail-clone_vda", "/dev/vg0/mail-clone_vda", Guid.Parse("5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab"), AllowDiscards: true);

    private static readonly EncryptedVolume Vdb =
        new("cr_mail-clone_vdb", "/dev/vg0/mail-clone_vdb", Guid.Parse("0b6c5f57-4a3f-4b3c-9c51-8b4a2f0b9e11"), AllowDiscards: false);

    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("virtcrypt-boot-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void For_MakesOneEntryPerVolume_AndADropInPerDaemon()
    {
        var config = BootConfig.For("mail-clone", [Vda, Vdb], "/root/mail.key");

        config.Entries.Select(e => e.Format()).Should().Equal(
            "cr_mail-clone_vda UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab /root/mail.key luks,discard",
            "cr_mail-clone_vdb UUID=0b6c5f57-4a3f-4b3c-9c51-8b4a2f0b9e11 /root/mail.key luks");
        config.DropIns.Select(d => d.Path).Should().Equal(
            "/etc/systemd/system/libvirtd.service.d/virtcrypt-mail-clone.conf",
            "/etc/systemd/system/virtqemud.service.d/virtcrypt-mail-clone.conf");
    }

    [Test]
    public void DropIn_WantsAndOrdersAfterTheEscapedCryptsetupUnits_AndExplainsTheAlternative()
    {
        var dropIn = SystemdDropIn.For("/etc/systemd/system/libvirtd.service.d", "mail-clone", ["cr_mail-clone_vda", "cr_mail-clone_vdb"]);

        var units = @"systemd-cryptsetup@cr_mail\x2dclone_vda.service systemd-cryptsetup@cr_mail\x2dclone_vdb.service";
        dropIn.Text.Split('\n').Where(l => !l.StartsWith('#')).Should().Equal("[Unit]", "Wants=" + units, "After=" + units, "");
        dropIn.Text.Should().Contain("virsh autostart --disable").And.Contain("virtcrypt start --domain mail-clone").And.Contain("systemctl daemon-reload");
    }

    [TestCase("cr_mail", "cr_mail")]
    [TestCase("cr_mail-clone.v+1", @"cr_mail\x2dclone.v\x2b1")]
    [TestCase(".hidden", @"\x2ehidden")]
    public void UnitNameEscaping_MatchesSystemdEscape(string name, string escaped) =>
        SystemdUnitName.Escape(name).Should().Be(escaped);

    [Test]
    public void Write_AddsToCrypttab_AndWritesTheDropIns_ThenAnIdenticalDropInIsLeftAlone()
    {
        var crypttab = Path.Combine(directory, "crypttab");
        File.WriteAllText(crypttab, "# host volumes\n");
        var config = BootConfig.For("mail-clone", [Vda, Vdb], dropInDirectories: [Path.Combine(directory, "libvirtd.service.d")]);

        var backups = config.Write(crypttab);

        backups.Should().Equal(crypttab + ".virtcrypt-bak");
        CrypttabFile.Load(crypttab).Entries.Should().Equal(config.Entries);
        File.ReadAllText(crypttab).Should().StartWith("# host volumes\n# virtcrypt: the encrypted volumes of the libvirt domain 'mail-clone'\n");
        File.ReadAllText(config.DropIns[0].Path).Should().Be(config.DropIns[0].Text);
        config.DropIns[0].Save().Should().BeNull();
    }

    [Test]
    public void Write_WhenCrypttabHasTheVolume_WritesNothingAtAll()
    {
        var crypttab = Path.Combine(directory, "crypttab");
        var before = $"cr_old UUID={Vdb.LuksUuid} none luks\n";
        File.WriteAllText(crypttab, before);
        var dropIns = Path.Combine(directory, "libvirtd.service.d");
        var config = BootConfig.For("mail-clone", [Vda, Vdb], dropInDirectories: [dropIns]);

        FluentActions.Invoking(() => config.Write(crypttab)).Should().Throw<ObjectAlreadyExistsException>();

        File.ReadAllText(crypttab).Should().Be(before);
        Directory.GetFiles(directory).Should().Equal(crypttab);
        Directory.Exists(dropIns).Should().BeFalse();
    }

    [Test]
    public void DropInSave_OverADifferentVersion_BacksItUp()
    {
        var dropIn = SystemdDropIn.For(directory, "mail", ["cr_mail_vda"]);
        File.WriteAllText(dropIn.Path, "[Unit]\nAfter=old.service\n");

        var backup = dropIn.Save();

        backup.Should().Be(dropIn.Path + ".virtcrypt-bak");
        File.ReadAllText(backup!).Should().Be("[Unit]\nAfter=old.service\n");
        File.ReadAllText(dropIn.Path).Should().Be(dropIn.Text);
    }
}
