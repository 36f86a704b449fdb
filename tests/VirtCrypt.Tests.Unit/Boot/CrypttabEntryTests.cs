using VirtCrypt.Boot;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.Boot;

[TestFixture]
[Category("Unit")]
public class CrypttabEntryTests
{
    private static readonly Guid Uuid = Guid.Parse("5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab");

    [Test]
    public void ForLuks_FormatsNameUuidNoneAndLuks() =>
        CrypttabEntry.ForLuks("cr_mail_vda", Uuid, keyFile: null, allowDiscards: false).Format()
            .Should().Be("cr_mail_vda UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab none luks");

    [Test]
    public void ForLuks_WithKeyFileAndDiscards_NamesTheKeyFileAndAddsDiscard() =>
        CrypttabEntry.ForLuks("cr_mail_vda", Uuid, "/root/keys/mail.key", allowDiscards: true).Format()
            .Should().Be("cr_mail_vda UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab /root/keys/mail.key luks,discard");

    [TestCase("keys/mail.key")]
    [TestCase("/root/my keys/mail.key")]
    public void ForLuks_RefusesAKeyFilePathCrypttabCannotHold(string keyFile) =>
        FluentActions.Invoking(() => CrypttabEntry.ForLuks("cr_mail_vda", Uuid, keyFile, false))
            .Should().Throw<ArgumentException>().WithMessage($"The keyfile path '{keyFile}' cannot go into /etc/crypttab*");

    [Test]
    public void ForLuks_RefusesANameDeviceMapperWouldRefuse() =>
        FluentActions.Invoking(() => CrypttabEntry.ForLuks("cr mail", Uuid, null, false)).Should().Throw<InvalidNameException>();

    [Test]
    public void Parse_ReadsAllFourFields_SeparatedByTabsOrSpaces()
    {
        var entry = CrypttabEntry.Parse("  cr_data\tUUID=5F0C2A4E-9B1D-4C3E-8A7F-0123456789AB   /etc/keys/data.key  luks,discard,nofail ")!;

        entry.Name.Should().Be("cr_data");
        entry.Device.Should().Be("UUID=5F0C2A4E-9B1D-4C3E-8A7F-0123456789AB");
        entry.KeyFile.Should().Be("/etc/keys/data.key");
        entry.Options.Should().Equal("luks", "discard", "nofail");
        entry.Uuid.Should().Be(Uuid);
        entry.AllowsDiscards.Should().BeTrue();
    }

    [TestCase("cr_swap /dev/sda2", null)]
    [TestCase("cr_swap /dev/sda2 none", null)]
    [TestCase("cr_swap /dev/sda2 -", null)]
    [TestCase("cr_swap /dev/sda2 /dev/urandom swap", "/dev/urandom")]
    public void Parse_TreatsAMissingNoneOrDashKeyAsAPassphraseAskedAtBoot(string line, string? keyFile)
    {
        var entry = CrypttabEntry.Parse(line)!;

        entry.KeyFile.Should().Be(keyFile);
        entry.Uuid.Should().BeNull();
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("# cr_old UUID=5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab none luks")]
    [TestCase("\t# indented comment")]
    public void Parse_ReturnsNullForBlankLinesAndComments(string line) => CrypttabEntry.Parse(line).Should().BeNull();

    [TestCase("lonely")]
    [TestCase("a b c d e")]
    public void Parse_ThrowsForALineThatIsNoEntry(string line) =>
        FluentActions.Invoking(() => CrypttabEntry.Parse(line)).Should().Throw<FormatException>().WithMessage($"'{line}' is not a crypttab entry*");

    [Test]
    public void Uuid_IsReadFromADiskByUuidPathToo() =>
        CrypttabEntry.Parse("cr_a /dev/disk/by-uuid/5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab none")!.Uuid.Should().Be(Uuid);

    [Test]
    public void FormatThenParse_RoundTrips()
    {
        var entry = CrypttabEntry.ForLuks("cr_mail-clone_vdb", Uuid, "/root/mail.key", allowDiscards: true);

        CrypttabEntry.Parse(entry.Format()).Should().Be(entry);
    }
}
