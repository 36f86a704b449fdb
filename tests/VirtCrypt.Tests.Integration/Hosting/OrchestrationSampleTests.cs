using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Guest;
using VirtCrypt.Tests.Integration.Migration;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Hosting;

/// <summary>
/// The orchestration sample migrating the two shut-off boot-sector guests that match its pattern (of three), one after
/// the other, onto a loop-backed volume group, with the key from a passphrase file: both migrated, their clones defined on
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
        foreach (var name in new[] { "mail2", "mail3" })
        {
            var disk = Path.Combine(scenario.Work, name + ".img");
            BootSectorGuest.CreateRawDisk(disk, 16L << 20, name);
            using (scenario.Hypervisor.Define(DomainDefinition.Parse(BootSectorGuest.DomainXml(name, disk, "raw", Path.Combine(scenario.Work, name + ".log")))))
            {
            }
        }

        var (exit, output) = OrchestrationSample.Run(
            "--pattern", "mail?", "--vg", MigrationScenario.VolumeGroupName, "--passphrase-file", scenario.PassphraseFile,
            "--pbkdf2-iterations", "1000", "--jobs", Path.Combine(scenario.Work, "sample-jobs"));

        exit.Should().Be(0, output);
        var rows = OrchestrationSample.ReportRows(output);
        rows.Keys.Should().Equal(["mail2", "mail3"], "the scenario's guest 'mail' does not match 'mail?'");
        rows["mail2"].Should().Contain("migrated: mail2-clone").And.Contain("MiB");
        rows["mail3"].Should().Contain("migrated: mail3-clone").And.Contain("MiB");
        foreach (var clone in new[] { "mail2-clone", "mail3-clone" })
        {
            using var domain = scenario.Hypervisor.GetDomain(clone);
            domain.Disks.Should().OnlyContain(d => d.SourcePath!.StartsWith("/dev/mapper/cr_", StringComparison.Ordinal));
        }
    }
}
