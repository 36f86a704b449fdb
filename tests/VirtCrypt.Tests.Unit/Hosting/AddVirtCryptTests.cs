using Microsoft.Extensions.DependencyInjection;
using VirtCrypt.Hosting;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Unit.Hosting;

/// <summary>
/// What AddVirtCrypt registers, checked without loading a native library: the services that connect to libvirt or LVM
/// are resolved in the Native tests.
/// </summary>
[TestFixture]
[Category("Unit")]
public class AddVirtCryptTests
{
    [Test]
    public void EveryService_IsASingleton()
    {
        var services = new ServiceCollection().AddVirtCrypt();

        services.Select(d => (d.ServiceType, d.Lifetime)).Should().BeEquivalentTo(new[]
        {
            (typeof(VirtCryptOptions), ServiceLifetime.Singleton),
            (typeof(Hypervisor), ServiceLifetime.Singleton),
            (typeof(LvmHost), ServiceLifetime.Singleton),
            (typeof(JobStore), ServiceLifetime.Singleton),
            (typeof(MigrationService), ServiceLifetime.Singleton),
        });
    }

    [Test]
    public void Defaults_AreTheSystemConnectionAndTheDefaultJobDirectory()
    {
        using var provider = new ServiceCollection().AddVirtCrypt().BuildServiceProvider();

        var options = provider.GetRequiredService<VirtCryptOptions>();
        options.HypervisorUri.Should().Be(Hypervisor.SystemUri);
        options.ReadOnly.Should().BeFalse();
        provider.GetRequiredService<JobStore>().Directory.Should().Be(JobStore.DefaultDirectory);
    }

    [Test]
    public void Options_ReachTheJobStore()
    {
        using var provider = new ServiceCollection()
            .AddVirtCrypt(o => o.JobDirectory = "/srv/virtcrypt/jobs")
            .BuildServiceProvider();

        provider.GetRequiredService<JobStore>().Should().BeSameAs(provider.GetRequiredService<JobStore>());
        provider.GetRequiredService<JobStore>().Directory.Should().Be("/srv/virtcrypt/jobs");
    }

    [Test]
    public void AServiceRegisteredBefore_IsKept()
    {
        var mine = new JobStore("/tmp/mine");
        using var provider = new ServiceCollection()
            .AddSingleton(mine)
            .AddVirtCrypt(o => o.JobDirectory = "/srv/virtcrypt/jobs")
            .BuildServiceProvider();

        provider.GetRequiredService<JobStore>().Should().BeSameAs(mine);
    }

    [Test]
    public void NullServices_AreRefused() =>
        FluentActions.Invoking(() => VirtCryptServiceCollectionExtensions.AddVirtCrypt(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("services");
}
