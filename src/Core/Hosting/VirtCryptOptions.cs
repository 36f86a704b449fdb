using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Hosting;

/// <summary>What <see cref="Microsoft.Extensions.DependencyInjection.VirtCryptServiceCollectionExtensions.AddVirtCrypt"/> registers the services with.</summary>
public sealed class VirtCryptOptions
{
    /// <summary>The libvirt URI the <see cref="Hypervisor"/> connects to; <see cref="Hypervisor.SystemUri"/> by default.</summary>
    public string HypervisorUri { get; set; } = Hypervisor.SystemUri;

    /// <summary>Open the libvirt connection read-only (enough for listing domains and planning, not for migrating).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Where migration journals are kept; <see cref="JobStore.DefaultDirectory"/> by default.</summary>
    public string JobDirectory { get; set; } = JobStore.DefaultDirectory;
}
