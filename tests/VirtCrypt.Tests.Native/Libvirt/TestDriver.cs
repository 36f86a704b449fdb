using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

/// <summary>
/// libvirt's in-process test driver. Its state (one running domain, "test", at first) is shared by all open
/// test:///default connections of the process and starts afresh once the last one is closed.
/// </summary>
internal static class TestDriver
{
    internal const string Uri = "test:///default";

    internal static Hypervisor Connect() => Hypervisor.Connect(Uri);

    internal static DomainDefinition MinimalDomain(string name, string? mac = null) => DomainDefinition.Parse($"""
        <domain type='test'>
          <name>{name}</name>
          <memory unit='KiB'>32768</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <disk type='file' device='disk'>
              <source file='/var/lib/libvirt/images/{name}.img'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            {(mac is null ? "" : $"<interface type='user'><mac address='{mac}'/></interface>")}
          </devices>
        </domain>
        """);

    /// <summary>The rich domain of the clone tests, its NVRAM file placed in <paramref name="nvramDirectory"/>.</summary>
    internal static DomainDefinition RichDomain(string nvramDirectory) => DomainDefinition.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "VirtCrypt.Tests.Native", "Libvirt", "rich-domain.xml"))
            .Replace("NVRAM_DIR", nvramDirectory, StringComparison.Ordinal));
}
