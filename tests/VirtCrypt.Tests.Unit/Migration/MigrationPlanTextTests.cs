using VirtCrypt.Copy;
using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Unit.Migration;

[TestFixture]
[Category("Unit")]
public class MigrationPlanTextTests
{
    [TestCase(null, true, "passed through to the storage, as the source disk does (discard='unmap'; --no-discards to stop them)")]
    [TestCase(null, false, "not passed, as the source disk does not pass them (--allow-discards to pass them)")]
    [TestCase(true, true, "passed through to the storage (--allow-discards)")]
    [TestCase(false, false, "not passed (--no-discards)")]
    public void EachDisk_SaysWhetherDiscardsPass_AndWhy(bool? requested, bool decided, string expected)
    {
        var text = MigrationPlanText.Format(Plan(requested, decided));

        text.Split('\n').Should().ContainSingle(l => l.TrimStart().StartsWith("discards", StringComparison.Ordinal))
            .Which.Should().Be("    discards        " + expected);
    }

    private static MigrationPlan Plan(bool? requested, bool decided) => new()
    {
        Request = new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", AllowDiscards = requested },
        SourceUuid = Guid.NewGuid(),
        SourceRunning = false,
        TargetDomain = "mail-clone",
        Disks =
        [
            new DiskPlan("vda", "/var/lib/libvirt/images/mail.img", DiskFormat.Raw, "mail-clone_vda", "/dev/vg0/mail-clone_vda",
                new VolumeLayout(1 << 20, 20 << 20, 16 << 20, 1 << 20, null), "cr_mail-clone_vda", Guid.NewGuid()) { AllowDiscards = decided },
        ],
        NewDomainXml = "<domain/>",
        Checks = [],
        Warnings = [],
    };
}
