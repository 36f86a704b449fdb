using VirtCrypt.Copy;
using VirtCrypt.Migration;

using VirtCrypt.Tests.Journal;

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

    private static MigrationPlan Plan(bool? requested, bool decided) => JobSamples.Plan(
        request: new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", AllowDiscards = requested },
        disks: JobSamples.Disk(allowDiscards: decided));
}
