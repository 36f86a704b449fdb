using System.Text;
using System.Text.Json.Nodes;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Tests.Journal;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// A plan's checks in the journal: their id and subject are written and read back, a journal written before checks
/// had ids still reads (id Unknown, no subject), and an id no VirtCrypt writes makes the journal damaged.
/// </summary>
[TestFixture]
[Category("Unit")]
public class PlanCheckJournalTests
{
    private const string JournalPath = "/var/lib/virtcrypt/jobs/job1.json";

    private static readonly PlanCheck[] Checks =
    [
        new(PlanCheckId.VolumeGroupExists, "volume group exists", true, "vg0: 10 GiB free"),
        new(PlanCheckId.DiskReadable, "vda", "disk vda is readable", false, "vda: /guest/vda.img is gone"),
    ];

    [Test]
    public void CheckIdsAndSubjects_AreWrittenByName_AndReadBack()
    {
        var json = JournalJson.Serialize(Job());

        var checks = JsonNode.Parse(json)!["Plan"]!["Checks"]!.AsArray();
        checks.Select(c => ((string?)c!["Id"], (string?)c["Subject"])).Should().Equal(("VolumeGroupExists", null), ("DiskReadable", "vda"));
        checks[0]!.AsObject().ContainsKey("Subject").Should().BeTrue("a check about the whole migration says so with null");
        JournalJson.Parse(json, "job1", JournalPath).Plan.Checks.Should().Equal(Checks);
    }

    [Test]
    public void AJournalWrittenBeforeChecksHadIds_Reads_WithTheIdUnknown_AndNoSubject()
    {
        var document = JsonNode.Parse(JournalJson.Serialize(Job()))!;
        foreach (var check in document["Plan"]!["Checks"]!.AsArray())
        {
            check!.AsObject().Remove("Id");
            check.AsObject().Remove("Subject");
        }

        var old = Encoding.UTF8.GetBytes(document.ToJsonString());
        document["Plan"]!["Checks"]![1]!.AsObject().Select(p => p.Key).Should().Equal("Name", "Passed", "Detail");

        var checks = JournalJson.Parse(old, "job1", JournalPath).Plan.Checks;

        checks.Should().Equal(
            new PlanCheck("volume group exists", true, "vg0: 10 GiB free"),
            new PlanCheck("disk vda is readable", false, "vda: /guest/vda.img is gone"));
        checks.Should().OnlyContain(c => c.Id == PlanCheckId.Unknown && c.Subject == null);
    }

    [TestCase("\"DiskIsPurple\"")]
    [TestCase("4")]
    [TestCase("null")]
    public void ACheckIdNoVirtCryptWrites_MakesTheJournalDamaged(string id)
    {
        var json = Encoding.UTF8.GetString(JournalJson.Serialize(Job())).Replace("\"Id\": \"DiskReadable\"", $"\"Id\": {id}", StringComparison.Ordinal);

        FluentActions.Invoking(() => JournalJson.Parse(Encoding.UTF8.GetBytes(json), "job1", JournalPath))
            .Should().Throw<JournalDamagedException>().Which.Reason.Should().Match("the value at $.Plan.Checks[1].Id (line *)*");
    }

    private static MigrationJob Job() => JobSamples.Job("job1", JobSamples.Plan(checks: Checks));
}
