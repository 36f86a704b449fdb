using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Unit.Storage;

[TestFixture]
[Category("Unit")]
public class LvmNamesTests
{
    private static readonly LvmName Vg = LvmNames.VolumeGroup("vg0");

    private static readonly string[] ValidNames =
    [
        "vg0", "data", "a", "A-Z_a.z+0-9", "mail.example.com", "cr_mail-disk", "lvol0", "x-", "..x", ".hidden",
        new string('a', LvmNames.MaxLength),
    ];

    private static readonly string[] HostileNames =
    [
        "", "-", "--config", "--config=devices{filter=[\"a|.*|\"]}", "-ay", ".", "..", "a b", " lead", "trail ",
        "tab\tname", "new\nline", "cr\rname", "quote'd", "\"dq\"", "#comment", "semi;colon", "back`tick`", "$(reboot)",
        "pipe|x", "a&b", "vg/lv", "../etc", "star*", "brace{x}", "per%cent", "at@x", "colon:x", "comma,x", "eq=x",
        "ünïcödé", "Ａfullwidth", "zero\u200Bwidth", "nul\0byte", new string('a', LvmNames.MaxLength + 1),
    ];

    private static readonly string[] ReservedLogicalVolumeNames =
    [
        "snapshot", "snapshot0", "pvmove0", "x_cdata", "x_cmeta", "x_corig", "x_cpool", "x_cvol", "x_wcorig", "x_mimage_0",
        "x_mlog", "x_rimage_1", "x_rmeta_1", "pool_tdata", "pool_tmeta", "x_vdata", "x_imeta", "x_iorig", "lvol0_pmspare",
        "x_vorigin",
    ];

    [TestCaseSource(nameof(ValidNames))]
    public void VolumeGroupAndLogicalVolume_AcceptLvmsValidNames(string name)
    {
        LvmNames.VolumeGroup(name).Value.Should().Be(name);
        if (name.Length <= LvmNames.MaxCombinedLength - Vg.Value.Length)
        {
            LvmNames.LogicalVolume(Vg, name).Value.Should().Be(name);
        }
    }

    [TestCaseSource(nameof(HostileNames))]
    public void VolumeGroup_RefusesAHostileName(string name) =>
        FluentActions.Invoking(() => LvmNames.VolumeGroup(name)).Should().Throw<InvalidNameException>()
            .WithMessage("Invalid volume group name *");

    [TestCaseSource(nameof(HostileNames))]
    public void LogicalVolume_RefusesAHostileName(string name) =>
        FluentActions.Invoking(() => LvmNames.LogicalVolume(Vg, name)).Should().Throw<InvalidNameException>()
            .WithMessage("Invalid logical volume name *");

    [TestCaseSource(nameof(ReservedLogicalVolumeNames))]
    public void LogicalVolume_RefusesLvmsReservedNames_WhichAreFineForAVolumeGroup(string name)
    {
        FluentActions.Invoking(() => LvmNames.LogicalVolume(Vg, name)).Should().Throw<InvalidNameException>()
            .WithMessage("*reserved by LVM*");
        LvmNames.VolumeGroup(name).Value.Should().Be(name);
    }

    [Test]
    public void LogicalVolume_RefusesANameThatIsTooLongTogetherWithItsVolumeGroup()
    {
        var fits = new string('l', LvmNames.MaxCombinedLength - Vg.Value.Length);
        LvmNames.LogicalVolume(Vg, fits).Value.Should().Be(fits);
        FluentActions.Invoking(() => LvmNames.LogicalVolume(Vg, fits + "l")).Should().Throw<InvalidNameException>()
            .WithMessage("*together with the volume group name \"vg0\"*");
    }

    [Test]
    public void Message_ShowsControlCharactersEscaped_AndCutsLongNames()
    {
        FluentActions.Invoking(() => LvmNames.VolumeGroup("evil\n--config")).Should().Throw<InvalidNameException>()
            .Which.Message.Should().Contain("\"evil\\u000A--config\"").And.Contain("U+000A").And.NotContain("\n");
        var longName = FluentActions.Invoking(() => LvmNames.VolumeGroup(new string('x', 5000))).Should().Throw<InvalidNameException>().Which;
        longName.Message.Should().Contain("(5000 characters)");
        longName.Message.Length.Should().BeLessThan(400);
    }

    [Test]
    public void Reported_TakesWhatLvmListed_ButNotANameThatBreaksItsRules()
    {
        LvmNames.Reported("lvol0_pmspare").Value.Should().Be("lvol0_pmspare");
        FluentActions.Invoking(() => LvmNames.Reported("-x")).Should().Throw<LvmException>();
    }

    [TestCase("vx", "my-lv", "vx-my--lv")]
    [TestCase("vcmig", "mail-clone_vdb", "vcmig-mail--clone_vdb")]
    [TestCase("vg-a", "b", "vg--a-b")]
    [TestCase("vg", "a-b", "vg-a--b")]
    public void DeviceMapperName_DoublesEveryDashInsideEitherName(string volumeGroup, string logicalVolume, string expected) =>
        LvmNames.DeviceMapperName(LvmNames.VolumeGroup(volumeGroup), LvmNames.LogicalVolume(LvmNames.VolumeGroup(volumeGroup), logicalVolume))
            .Should().Be(expected);

    [TestCase("vg-a", "b", "/dev/mapper/vg--a-b")]
    [TestCase("vg", "a-b", "/dev/mapper/vg-a--b")]
    [TestCase("vcinp", "mail", "/dev/mapper/vcinp-mail")]
    public void DevicePaths_AreTheVolumeGroupPathAndTheEscapedMapperPath(string volumeGroup, string logicalVolume, string mapperPath)
    {
        var group = LvmNames.VolumeGroup(volumeGroup);
        var paths = LvmNames.DevicePaths(group, LvmNames.LogicalVolume(group, logicalVolume));

        paths.Should().Equal($"/dev/{volumeGroup}/{logicalVolume}", mapperPath);
        MapperName.TryParsePath(paths[1], out var mapper).Should().BeTrue();
        mapper.Name.Should().Be(mapperPath["/dev/mapper/".Length..]);
    }

    [Test]
    public void DevicePaths_KeepVolumesWhoseJoinedNamesLookAlikeApart()
    {
        var dashedGroup = LvmNames.VolumeGroup("vg-a");
        var plainGroup = LvmNames.VolumeGroup("vg");

        LvmNames.DevicePaths(dashedGroup, LvmNames.LogicalVolume(dashedGroup, "b"))
            .Should().NotIntersectWith(LvmNames.DevicePaths(plainGroup, LvmNames.LogicalVolume(plainGroup, "a-b")));
    }
}
