using System.Globalization;
using VirtCrypt.Libvirt;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Libvirt;

[TestFixture]
[Category("Integration")]
public class CloneOntoBlockDeviceTests
{
    private const long DiskSize = 8 << 20;

    [Test]
    public async Task ClonedDefinition_OnADeviceMapperDiskOverALoopDevice_StartsDestroysAndUndefines()
    {
        TestHost.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var image = Path.Combine(Path.GetTempPath(), $"virtcrypt-src-{suffix}.img");
        File.WriteAllBytes(image, new byte[1 << 20]);
        using var loop = LoopDevice.Create(DiskSize);
        var mapping = $"virtcrypt-it-{suffix}";
        ExternalTool.Run("dmsetup", "create", mapping, "--table",
            string.Create(CultureInfo.InvariantCulture, $"0 {DiskSize / 512} linear {loop.DevicePath} 0"));
        var devBlockLink = LinkDevBlock(loop.DevicePath);
        try
        {
            using var hypervisor = Hypervisor.Connect();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var events = hypervisor.WatchLifecycleEventsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            using var source = hypervisor.Define(DomainDefinition.Parse($"""
                <domain type='qemu'>
                  <name>virtcrypt-it-{suffix}</name>
                  <memory unit='MiB'>32</memory>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source file='{image}'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <interface type='user'><model type='virtio'/></interface>
                    <graphics type='vnc' port='5999' autoport='no'/>
                  </devices>
                </domain>
                """));
            source.GetDiskCapacity("vda").Should().Be(1 << 20, "a stopped raw disk is measured on the host");

            var plan = hypervisor.PlanClone(source, new CloneRequest { Disks = [new DiskMigration("vda", $"/dev/mapper/{mapping}")] });
            using var clone = hypervisor.DefineClone(plan);
            try
            {
                clone.Name.Should().Be($"virtcrypt-it-{suffix}-clone");
                clone.Disks.Single().Should().Match<DiskDefinition>(d => d.SourceType == "block" && d.SourcePath == $"/dev/mapper/{mapping}");
                clone.GetDiskCapacity("vda").Should().Be(DiskSize, "the mapping's size, read from sysfs while the domain is off");

                clone.Start();
                clone.State.Should().Be(DomainState.Running);
                clone.GetDiskCapacity("vda").Should().Be(DiskSize, "libvirt's virDomainGetBlockInfo while it runs");
                clone.GetDefinition().Graphics.Single().Port.Should().NotBeNull("libvirt allocated a port at start");

                clone.Destroy();
                clone.State.Should().Be(DomainState.ShutOff);
            }
            finally
            {
                if (clone.IsActive)
                {
                    clone.Destroy();
                }

                clone.Undefine();
                source.Undefine();
            }

            hypervisor.FindDomain(plan.Name).Should().BeNull();
            var seen = new List<DomainLifecycleEventKind>();
            while (!seen.Contains(DomainLifecycleEventKind.Undefined) && await events.MoveNextAsync())
            {
                if (events.Current.DomainUuid == plan.Uuid)
                {
                    seen.Add(events.Current.Kind);
                }
            }

            await events.DisposeAsync();
            // qemu adds Resumed (vCPUs started) and Shutdown (finished) around these.
            seen.Where(k => k is DomainLifecycleEventKind.Defined or DomainLifecycleEventKind.Started
                    or DomainLifecycleEventKind.Stopped or DomainLifecycleEventKind.Undefined)
                .Should().Equal(
                DomainLifecycleEventKind.Defined, DomainLifecycleEventKind.Started, DomainLifecycleEventKind.Stopped, DomainLifecycleEventKind.Undefined);
        }
        finally
        {
            ExternalTool.Run("dmsetup", "remove", mapping);
            File.Delete(devBlockLink);
            File.Delete(image);
        }
    }

    /// <summary>
    /// Creates the <c>/dev/block/MAJOR:MINOR</c> link udev makes on a normal host (the test host has no udev): libvirt
    /// reaches the devices under a mapping through these links when it grants the guest access to them.
    /// </summary>
    private static string LinkDevBlock(string device)
    {
        var number = File.ReadAllText(Path.Combine("/sys/class/block", Path.GetFileName(device), "dev")).Trim();
        var link = Path.Combine("/dev/block", number);
        Directory.CreateDirectory("/dev/block");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, device);
        }

        return link;
    }
}
