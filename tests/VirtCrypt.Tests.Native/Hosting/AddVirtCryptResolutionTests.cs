using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Native.Libvirt;

namespace VirtCrypt.Tests.Native.Hosting;

/// <summary>
/// The services of AddVirtCrypt resolved from a real container against libvirt's test driver and the real liblvm2cmd:
/// one instance each, the container's loggers reach them, and the container closes the connection.
/// </summary>
[TestFixture]
[Category("Native")]
[NonParallelizable]
public class AddVirtCryptResolutionTests
{
    private string jobs = null!;

    [SetUp]
    public void CreateJobDirectory() => jobs = Directory.CreateTempSubdirectory("virtcrypt-di-").FullName;

    [TearDown]
    public void RemoveJobDirectory() => Directory.Delete(jobs, recursive: true);

    [Test]
    public void Services_ResolveOnceEach_OnTheConfiguredConnection()
    {
        using var provider = Services(readOnly: true).BuildServiceProvider();

        var migrations = provider.GetRequiredService<MigrationService>();
        var hypervisor = provider.GetRequiredService<Hypervisor>();

        hypervisor.Uri.Should().Be(TestDriver.Uri);
        hypervisor.IsReadOnly.Should().BeTrue();
        provider.GetRequiredService<MigrationService>().Should().BeSameAs(migrations);
        provider.GetRequiredService<Hypervisor>().Should().BeSameAs(hypervisor);
        provider.GetRequiredService<LvmHost>().Should().BeSameAs(provider.GetRequiredService<LvmHost>());
        migrations.Jobs.Should().BeSameAs(provider.GetRequiredService<JobStore>());
        migrations.Jobs.Directory.Should().Be(jobs);
    }

    [Test]
    public void TheContainersLoggers_ReachTheServices()
    {
        var recorded = new RecordingLoggerProvider();
        using var provider = Services()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(recorded))
            .BuildServiceProvider();

        provider.GetRequiredService<Hypervisor>();

        recorded.Entries.Should().Contain(e => e.Category == typeof(Hypervisor).FullName && e.Message.StartsWith($"Connected to {TestDriver.Uri}", StringComparison.Ordinal));
    }

    [Test]
    public async Task ResolvedMigrationService_Plans_AndRefusesAMissingVolumeGroup()
    {
        using var provider = Services().BuildServiceProvider();
        var migrations = provider.GetRequiredService<MigrationService>();

        var plan = await migrations.PlanAsync(new MigrationRequest { Domain = "test", VolumeGroup = "vc_di_absent" });

        plan.CanExecute.Should().BeFalse();
        plan.FailedChecks.Should().Contain(c => c.Id == PlanCheckId.VolumeGroupExists && c.Detail.Contains("vc_di_absent", StringComparison.Ordinal));
    }

    [Test]
    public void DisposingTheContainer_ClosesTheConnection()
    {
        Hypervisor hypervisor;
        using (var provider = Services().BuildServiceProvider())
        {
            hypervisor = provider.GetRequiredService<Hypervisor>();
            hypervisor.Uri.Should().Be(TestDriver.Uri);
        }

        hypervisor.Invoking(h => h.ListDomains()).Should().Throw<ObjectDisposedException>();
    }

    // A plan on a read-only connection fails its "new domain definition" check (libvirt keeps the secure XML from it).
    private IServiceCollection Services(bool readOnly = false) => new ServiceCollection().AddVirtCrypt(options =>
    {
        options.HypervisorUri = TestDriver.Uri;
        options.ReadOnly = readOnly;
        options.JobDirectory = jobs;
    });
}
