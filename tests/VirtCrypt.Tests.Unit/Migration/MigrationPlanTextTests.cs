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

    [Test]
    public void LastLine_AfterTheXml_CountsTheFailedChecks()
    {
        var plan = JobSamples.Plan(
            newDomainXml: "<domain><name>mail-clone</name></domain>",
            checks: [new PlanCheck("domain is shut off", false, "'mail' is running"), new PlanCheck("volume group exists", false, "no vg0"), new PlanCheck("LUKS options", true, "Luks2")]);

        var lines = MigrationPlanText.Format(plan, includeXml: true).TrimEnd('\n').Split('\n');

        lines[^1].Should().Be("Verdict: 2 of 3 checks failed (marked FAILED above); a migration would be refused. Nothing was changed.");
        Array.FindIndex(lines, l => l.Contains("<name>mail-clone</name>", StringComparison.Ordinal)).Should().BeLessThan(lines.Length - 1);
    }

    [Test]
    public void LastLine_WhenEveryCheckPassed_SaysOk()
    {
        var plan = JobSamples.Plan(checks: [new PlanCheck("LUKS options", true, "Luks2"), new PlanCheck("volume group exists", true, "vg0")]);

        MigrationPlanText.Format(plan, includeXml: true).TrimEnd('\n').Split('\n')[^1].Should().Be("Verdict: ok, all 2 checks passed.");
    }

    private static MigrationPlan Plan(bool? requested, bool decided) => JobSamples.Plan(
        request: new MigrationRequest { Domain = "mail", VolumeGroup = "vg0", AllowDiscards = requested },
        disks: JobSamples.Disk(allowDiscards: decided));
}
