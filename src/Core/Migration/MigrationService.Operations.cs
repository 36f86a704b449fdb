using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>The daily routine of an encrypted guest: open its volumes and start it; stop it and close them.</summary>
public sealed partial class MigrationService
{
    /// <summary>
    /// Opens every LUKS volume <paramref name="domain"/> uses (its disks whose source is <c>/dev/mapper/NAME</c>),
    /// finding each volume through the journal of the job that created it. Mappings already open are left as they are.
    /// </summary>
    /// <returns>The mappings the domain's disks use.</returns>
    /// <exception cref="ObjectNotFoundException">The domain, or the job that created one of its volumes, is unknown.</exception>
    /// <exception cref="WrongPassphraseException">The key opens none of a volume's keyslots.</exception>
    public async Task<IReadOnlyList<MappedDevice>> OpenVolumesAsync(string domain, LuksKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mapped = new List<MappedDevice>();
        foreach (var mapper in hypervisor.MapperNamesOf(domain))
        {
            if (LuksVolume.Status(mapper) is { } open)
            {
                mapped.Add(open);
                continue;
            }

            var (_, disk) = FindVolume(domain, mapper);
            using var volume = LuksVolume.Load(disk.LvPath, loggers.CreateLogger<LuksVolume>());
            if (volume.GetInfo().Uuid != disk.LuksUuid.ToString("D"))
            {
                throw new ObjectNotFoundException(
                    $"{disk.LvPath} no longer holds the LUKS volume {disk.LuksUuid} that {MapperDisks.MapperDirectory}{mapper} of '{domain}' was made from.");
            }

            mapped.Add(await volume.OpenAsync(mapper, key, new MappingOptions { AllowDiscards = disk.AllowDiscards }, cancellationToken)
                .ConfigureAwait(false));
        }

        return mapped;
    }

    /// <summary>Opens the domain's volumes (see <see cref="OpenVolumesAsync"/>), then starts it.</summary>
    public async Task StartAsync(string domain, LuksKey key, CancellationToken cancellationToken = default)
    {
        await OpenVolumesAsync(domain, key, cancellationToken).ConfigureAwait(false);
        using var running = hypervisor.GetDomain(domain);
        if (!running.IsActive)
        {
            running.Start();
        }
    }

    /// <summary>
    /// Shuts the domain down gracefully, waiting at most <paramref name="timeout"/> (then destroys it only when
    /// <paramref name="destroyOnTimeout"/>), and closes the mappings its disks use.
    /// </summary>
    /// <exception cref="InvalidOperationStateException">It did not shut down in time; it and its mappings are left as they were.</exception>
    public async Task<ShutdownOutcome> StopAsync(
        string domain, TimeSpan timeout, bool destroyOnTimeout = false, CancellationToken cancellationToken = default)
    {
        var mappers = hypervisor.MapperNamesOf(domain).Where(m => jobs.FindCreatorOf(domain, m) is not null).ToList();
        ShutdownOutcome outcome;
        using (var running = hypervisor.GetDomain(domain))
        {
            outcome = await running.ShutdownAsync(timeout, destroyOnTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (outcome == ShutdownOutcome.StillRunning)
        {
            throw new InvalidOperationStateException(
                $"'{domain}' did not shut down within {timeout.TotalSeconds:0} s; it and its encrypted volumes stay open. Wait, or stop it with destroy allowed.");
        }

        foreach (var mapper in mappers.Where(m => LuksVolume.Status(m) is not null))
        {
            await LuksVolume.CloseAsync(mapper, loggers.CreateLogger<LuksVolume>(), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private (MigrationPlan Plan, DiskPlan Disk) FindVolume(string domain, string mapper) =>
        jobs.FindCreatorOf(domain, mapper) ?? throw new ObjectNotFoundException(
            $"No migration job in {jobs.Directory} created {MapperDisks.MapperDirectory}{mapper} of '{domain}': give the job directory that holds its journal (--job-dir), or open the volume by hand (cryptsetup open DEVICE {mapper}).");
}
