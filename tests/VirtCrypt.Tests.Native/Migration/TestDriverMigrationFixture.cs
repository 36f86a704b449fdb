using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Native.Libvirt;

namespace VirtCrypt.Tests.Native.Migration;

/// <summary>
/// A <see cref="MigrationService"/> on libvirt's test driver with its own work and job directory; tear-down destroys
/// and undefines every domain a test left (all but the driver's own <c>test</c>).
/// </summary>
public abstract class TestDriverMigrationFixture
{
    protected string Work { get; private set; } = null!;

    protected Hypervisor Hypervisor { get; private set; } = null!;

    protected LvmHost Lvm { get; private set; } = null!;

    protected JobStore Jobs { get; private set; } = null!;

    protected MigrationService Service { get; private set; } = null!;

    /// <summary>A 4 MiB raw image file in the work directory.</summary>
    protected string Image(string name)
    {
        var path = Path.Combine(Work, name);
        using var file = File.Create(path);
        file.SetLength(4 << 20);
        return path;
    }

    [SetUp]
    public void ConnectToTheTestDriver()
    {
        Work = Directory.CreateTempSubdirectory("virtcrypt-migration-").FullName;
        Hypervisor = TestDriver.Connect();
        Lvm = new LvmHost();
        Jobs = new JobStore(Path.Combine(Work, "jobs"));
        Service = new MigrationService(Hypervisor, Lvm, Jobs);
    }

    [TearDown]
    public void RemoveDomainsAndDisconnect()
    {
        using (var domains = Hypervisor.ListDomains())
        {
            foreach (var domain in domains.Where(d => d.Name != "test"))
            {
                var persistent = domain.IsPersistent;
                if (domain.IsActive)
                {
                    domain.Destroy();
                }

                if (persistent)
                {
                    domain.Undefine();
                }
            }
        }

        Lvm.Dispose();
        Hypervisor.Dispose();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>
    /// The detail of the check <paramref name="id"/> about <paramref name="subject"/> (null: about the whole migration),
    /// after asserting that it is the one such check, failed, and the plan cannot run.
    /// </summary>
    protected static string Failed(MigrationPlan plan, PlanCheckId id, string? subject = null)
    {
        plan.CanExecute.Should().BeFalse();
        var failed = plan.Checks.Should().ContainSingle(c => c.Id == id && c.Subject == subject).Which;
        failed.Passed.Should().BeFalse();
        return failed.Detail;
    }

    /// <summary>Asserts that running the plan is refused and changes nothing: no job, no journal directory, the same domains.</summary>
    protected async Task RefusedWithoutChange(MigrationPlan plan)
    {
        var domainsBefore = DomainNames();
        using var passphrase = Secret.FromChars("never used");

        await Service.Awaiting(s => s.ExecuteAsync(plan, LuksKey.FromPassphrase(passphrase)))
            .Should().ThrowAsync<MigrationRefusedException>().WithMessage("*nothing was changed*");

        Jobs.List().Should().BeEmpty();
        Directory.Exists(Jobs.Directory).Should().BeFalse();
        DomainNames().Should().Equal(domainsBefore);
    }

    protected List<string> DomainNames()
    {
        using var domains = Hypervisor.ListDomains();
        return domains.Select(d => d.Name).Order().ToList();
    }

    /// <summary>A sparse raw image of <paramref name="size"/> bytes (4 MiB by default) in the work directory.</summary>
    protected string Image(string name, long size = 4 << 20)
    {
        var path = Path.Combine(Work, name);
        using var file = File.Create(path);
        file.SetLength(size);
        return path;
    }

    /// <summary>A test-driver domain with <paramref name="disks"/> (disk XML) and one network interface.</summary>
    protected static DomainDefinition Domain(string name, string disks) => DomainDefinition.Parse($"""
        <domain type='test'>
          <name>{name}</name>
          <memory unit='KiB'>32768</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>{disks}<interface type='user'/></devices>
        </domain>
        """);
}
