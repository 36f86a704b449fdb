using System.Runtime.Versioning;
using VirtCrypt.Boot;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Boot;

[TestFixture]
[Category("Unit")]
[UnsupportedOSPlatform("windows")]
public class CrypttabFileTests
{
    private const string Existing = """
        # <target name> <source device> <key file> <options>
        cr_root UUID=11111111-2222-3333-4444-555555555555 none luks,discard

        this line is broken and systemd ignores it
        cr_swap /dev/sda3 /dev/urandom swap,cipher=aes-xts-plain64

        """;

    private static readonly Guid MailUuid = Guid.Parse("5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab");

    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("virtcrypt-crypttab-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Parse_FindsTheEntries_AndKeepsEveryLineVerbatim()
    {
        var file = CrypttabFile.Parse(Existing);

        file.Entries.Select(e => e.Name).Should().Equal("cr_root", "cr_swap");
        file.ToText().Should().Be(Existing);
    }

    [Test]
    public void Add_AppendsACommentAndTheEntries_AfterTheExistingLines()
    {
        var file = CrypttabFile.Parse(Existing.TrimEnd('\n'));

        file.Add([Mail("cr_mail_vda", MailUuid)], "virtcrypt: mail");

        file.ToText().Should().Be(Existing + "# virtcrypt: mail\ncr_mail_vda UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab none luks\n");
        file.Entries.Select(e => e.Name).Should().Equal("cr_root", "cr_swap", "cr_mail_vda");
    }

    [Test]
    public void Add_RefusesAnEntryWithAnExistingName_AndAddsNothing()
    {
        var file = CrypttabFile.Parse(Existing);

        var add = () => file.Add([Mail("cr_mail_vda", MailUuid), Mail("cr_swap", Guid.NewGuid())], "virtcrypt: mail");

        add.Should().Throw<ObjectAlreadyExistsException>()
            .WithMessage("crypttab already has an entry for the mapping 'cr_swap' (cr_swap /dev/sda3 /dev/urandom swap,cipher=aes-xts-plain64); nothing was written*");
        file.ToText().Should().Be(Existing);
    }

    [TestCase("cr_other UUID=5F0C2A4E-9B1D-4C3E-8A7F-0123456789AB none")]
    [TestCase("cr_other /dev/disk/by-uuid/5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab /root/k luks")]
    public void Add_RefusesAnEntryForAVolumeAlreadyListed_WhateverItsNameOrSpelling(string line)
    {
        var file = CrypttabFile.Parse(line);

        var add = () => file.Add([Mail("cr_mail_vda", MailUuid)]);

        add.Should().Throw<ObjectAlreadyExistsException>()
            .WithMessage("crypttab already opens the LUKS volume 5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab as 'cr_other'*");
        file.Entries.Should().ContainSingle();
    }

    [Test]
    public void Add_RefusesTwoNewEntriesForOneVolume() =>
        FluentActions.Invoking(() => CrypttabFile.Parse("").Add([Mail("cr_a", MailUuid), Mail("cr_b", MailUuid)]))
            .Should().Throw<ObjectAlreadyExistsException>();

    [Test]
    public void Load_OfAMissingFile_IsEmpty() =>
        CrypttabFile.Load(Path.Combine(directory, "crypttab")).ToText().Should().BeEmpty();

    [Test]
    public void Save_ANewFile_WritesItWithMode0644_AndNoBackup()
    {
        var path = Path.Combine(directory, "crypttab");
        var file = CrypttabFile.Load(path);
        file.Add([Mail("cr_mail_vda", MailUuid)]);

        file.Save(path).Should().BeNull();

        File.ReadAllText(path).Should().Be(file.ToText());
        File.GetUnixFileMode(path).Should().Be((UnixFileMode)0b110_100_100);
        Directory.GetFiles(directory).Should().ContainSingle();
    }

    [Test]
    public void Save_OverAnExistingFile_KeepsItsModeAndBacksItUp_ThenUsesATimestampedBackup()
    {
        var path = Path.Combine(directory, "crypttab");
        File.WriteAllText(path, Existing);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = CrypttabFile.Load(path);
        file.Add([Mail("cr_mail_vda", MailUuid)]);

        var first = file.Save(path);
        var second = file.Save(path);

        first.Should().Be(path + ".virtcrypt-bak");
        File.ReadAllText(first!).Should().Be(Existing);
        second.Should().MatchRegex(@"crypttab\.virtcrypt-bak-\d{8}-\d{6}$");
        File.ReadAllText(second!).Should().Be(file.ToText());
        File.ReadAllText(path).Should().Be(file.ToText());
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().HaveCount(3).And.OnlyContain(n => n!.StartsWith("crypttab", StringComparison.Ordinal));
    }

    [Test]
    public void Save_IntoAMissingDirectory_SaysSo() =>
        FluentActions.Invoking(() => CrypttabFile.Parse("").Save(Path.Combine(directory, "etc", "crypttab")))
            .Should().Throw<ObjectNotFoundException>().WithMessage($"Cannot write {directory}/etc/crypttab: the directory {directory}/etc does not exist.");

    private static CrypttabEntry Mail(string name, Guid uuid) => CrypttabEntry.ForLuks(name, uuid, null, false);
}
