using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Consumer;

/// <summary>
/// The VirtCrypt.Core package as a consumer gets it: it restores from the folder feed, loads the native libraries and
/// plans a real migration against libvirt's test driver. This host has no volume group, so the plan is refused by the
/// check that names it; every other piece of the plan (the disk read, the LV and mapping names, the size) is real.
/// </summary>
[TestFixture]
[Category("Consumer")]
[NonParallelizable]
public class PackageConsumerTests
{
    private const string VolumeGroup = "vc_consumer_absent";
    private const long DiskBytes = 8 << 20;

    private string work = null!;

    [SetUp]
    public void CreateWorkDirectory() => work = Directory.CreateTempSubdirectory("virtcrypt-consumer-").FullName;

    [TearDown]
    public void RemoveWorkDirectory() => Directory.Delete(work, recursive: true);

    [Test]
    public void TheLibrary_IsThePackageOfThisRun()
    {
        var expected = typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "VirtCryptVersion").Value;
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "VirtCrypt.Tests.Consumer.deps.json")));

        var library = deps.RootElement.GetProperty("libraries").GetProperty($"VirtCrypt.Core/{expected}");

        library.GetProperty("type").GetString().Should().Be("package", "the library comes from the packed package, not a project");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "VirtCrypt.Interop.dll")).Should().BeTrue("the package carries its interop assembly");
    }

    [Test]
    public async Task Plan_OfAShutOffGuest_IsRefusedForTheMissingVolumeGroupOnly()
    {
        using var hypervisor = Hypervisor.Connect("test:///default");
        using var lvm = new LvmHost();
        var migrations = new MigrationService(hypervisor, lvm, new JobStore(Path.Combine(work, "jobs")));
        using var guest = hypervisor.Define(Guest("consumer-guest"));
        try
        {
            var plan = await migrations.PlanAsync(new MigrationRequest { Domain = "consumer-guest", VolumeGroup = VolumeGroup });

            plan.CanExecute.Should().BeFalse();
            plan.Checks.Should().ContainSingle(c => c.Name == "volume group exists")
                .Which.Detail.Should().Contain(VolumeGroup);
            plan.Checks.Should().Contain(c => c.Name == "disk vda is readable" && c.Passed);
            plan.Checks.Should().Contain(c => c.Name == "domain is shut off" && c.Passed);
            var disk = plan.Disks.Should().ContainSingle().Which;
            disk.LvPath.Should().Be($"/dev/{VolumeGroup}/consumer-guest-clone_vda");
            disk.MapperName.Should().Be("cr_consumer-guest-clone_vda");
            disk.Layout.LvBytes.Should().BeGreaterThanOrEqualTo(DiskBytes + (16 << 20), "the LV holds the disk and the LUKS2 header");
            Directory.Exists(Path.Combine(work, "jobs")).Should().BeFalse("a plan changes nothing");
        }
        finally
        {
            guest.Undefine();
        }
    }

    [Test]
    public async Task AddVirtCrypt_WiresTheServices()
    {
        await using var provider = new ServiceCollection()
            .AddVirtCrypt(options =>
            {
                options.HypervisorUri = "test:///default";
                options.JobDirectory = Path.Combine(work, "jobs");
            })
            .BuildServiceProvider();

        var plan = await provider.GetRequiredService<MigrationService>()
            .PlanAsync(new MigrationRequest { Domain = "test", VolumeGroup = VolumeGroup });

        plan.FailedChecks.Should().Contain(c => c.Name == "volume group exists");
    }

    private DomainDefinition Guest(string name)
    {
        var disk = Path.Combine(work, name + ".img");
        using (var image = File.Create(disk))
        {
            image.SetLength(DiskBytes);
        }

        return DomainDefinition.Parse($"""
            <domain type='test'>
              <name>{name}</name>
              <memory unit='KiB'>32768</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>
              </devices>
            </domain>
            """);
    }
}
