using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VirtCrypt.Hosting;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

// In the container's own namespace, as is usual for AddXxx extensions: they show up wherever services are configured.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers VirtCrypt's services in a dependency injection container.</summary>
public static class VirtCryptServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons: <see cref="VirtCryptOptions"/>, the <see cref="Hypervisor"/> (connected on first use to
    /// <see cref="VirtCryptOptions.HypervisorUri"/>, disposed with the container), the <see cref="LvmHost"/>, the
    /// <see cref="JobStore"/> and the <see cref="MigrationService"/>. Each takes its logger from the container's
    /// <see cref="ILoggerFactory"/> when there is one (<c>AddLogging</c>) and logs nothing otherwise; a
    /// <see cref="TimeProvider"/> in the container is the journals' clock. A service registered before is kept.
    /// </summary>
    /// <param name="services">The container's service collection.</param>
    /// <param name="configure">Sets the options; the defaults are <c>qemu:///system</c> and <see cref="JobStore.DefaultDirectory"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddVirtCrypt(this IServiceCollection services, Action<VirtCryptOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new VirtCryptOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<VirtCryptOptions>();
            return Hypervisor.Connect(settings.HypervisorUri, settings.ReadOnly, provider.GetService<ILogger<Hypervisor>>());
        });
        services.TryAddSingleton(provider => new LvmHost(provider.GetService<ILogger<LvmHost>>()));
        services.TryAddSingleton(provider => new JobStore(provider.GetRequiredService<VirtCryptOptions>().JobDirectory));
        services.TryAddSingleton(provider => new MigrationService(
            provider.GetRequiredService<Hypervisor>(),
            provider.GetRequiredService<LvmHost>(),
            provider.GetRequiredService<JobStore>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}
