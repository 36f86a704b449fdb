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
}
