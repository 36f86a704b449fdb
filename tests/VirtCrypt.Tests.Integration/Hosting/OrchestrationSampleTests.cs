using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Migration;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Hosting;

/// <summary>
/// The orchestration sample migrating two shut-off boot-sector guests that match its pattern, one after the other,
/// onto a loop-backed volume group, with the key from a passphrase file: both migrated, their clones defined on
/// /dev/mapper, the report says so and the exit code is 0.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class OrchestrationSampleTests
{
    [Test]
    public async Task TwoMatchingGuests_AreMigratedOneAfterTheOther()
    {
        await using var scenario = await MigrationScenario.CreateAsync();
        var second = Path.Combine(scenario.Work, "mail2.img");
        BootSectorGuest.CreateRawDisk(second, 16L << 20, "second guest");
        using (scenario.Hypervisor.Define(DomainDefinition.Parse(BootSectorGuest.DomainXml("mail2", second, "raw", Path.Combine(scenario.Work, "mail2.log")))))
        {
        }

        var (exit, output) = OrchestrationSample.Run(
            "--pattern", "mail*", "--vg", MigrationScenario.VolumeGroupName, "--passphrase-file", scenario.PassphraseFile,
            "--pbkdf2-iterations", "1000", "--jobs", Path.Combine(scenario.Work, "sample-jobs"));

        exit.Should().Be(0, output);
        var rows = OrchestrationSample.ReportRows(output);
        rows.Keys.Should().Equal("mail", "mail2");
        rows["mail"].Should().Contain("migrated: mail-clone").And.Contain("MiB");
        rows["mail2"].Should().Contain("migrated: mail2-clone").And.Contain("MiB");
        foreach (var clone in new[] { "mail-clone", "mail2-clone" })
        {
            using var domain = scenario.Hypervisor.GetDomain(clone);
            domain.Disks.Should().OnlyContain(d => d.SourcePath!.StartsWith("/dev/mapper/cr_", StringComparison.Ordinal));
        }
    }
}
