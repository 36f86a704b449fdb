using Microsoft.Extensions.Logging;
using VirtCrypt.Boot;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Migration;

/// <summary>
/// The daily routine of an encrypted guest: open its volumes and start it; stop it and close them. Each acts only on
/// a domain that runs from mappings a migration job created (found through the journals, re-checked against the
/// LUKS UUID), and leaves every other domain and mapping alone.
/// </summary>
public sealed partial class MigrationService
{
    /// <summary>
    /// Opens every LUKS volume <paramref name="domain"/> uses (its disks whose source is <c>/dev/mapper/NAME</c>),
    /// finding each volume through the journal of the job that created it and checking its LUKS UUID. Mappings already
    /// open on the job's volume are left as they are.
    /// </summary>
    /// <returns>The mappings the domain's disks use.</returns>
    /// <exception cref="ObjectNotFoundException">
    /// The domain is unknown, no job created any of its mappings (VirtCrypt never migrated it), or a closed mapping
    /// was not created by a job; nothing was opened.
    /// </exception>
    /// <exception cref="InvalidOperationStateException">A mapping is open on another volume than the job's.</exception>
    /// <exception cref="WrongPassphraseException">The key opens none of a volume's keyslots.</exception>
    internal async Task<IReadOnlyList<MappedDevice>> OpenVolumesAsync(string domain, LuksKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mapped = new List<MappedDevice>();
        foreach (var disk in OpenableDisks(domain))
        {
            mapped.Add(await OpenAsync(disk, key, cancellationToken).ConfigureAwait(false));
        }

        return mapped;
    }

    /// <summary>
    /// Makes the checks of <see cref="OpenVolumesAsync"/> and refuses as it would, changing nothing: a caller can
    /// refuse before it asks for a passphrase.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">See <see cref="OpenVolumesAsync"/>.</exception>
    /// <exception cref="InvalidOperationStateException">See <see cref="OpenVolumesAsync"/>.</exception>
    internal void CheckOpen(string domain) => OpenableDisks(domain);

    /// <summary>
    /// Makes the checks of <see cref="StartAsync"/> and refuses as it would, changing nothing: a caller can refuse
    /// before it asks for a passphrase.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">See <see cref="StartAsync"/>.</exception>
    /// <exception cref="InvalidOperationStateException">See <see cref="StartAsync"/>.</exception>
    internal void CheckStart(string domain, bool force = false)
    {
        using var target = hypervisor.GetDomain(domain);
        StartableDisks(target, force);
    }

    /// <summary>
    /// Opens the domain's volumes (see <see cref="OpenVolumesAsync"/>), then starts it. Refuses the unencrypted
    /// source of a clone migration while its clone is defined: both hold the same guest.
    /// </summary>
    /// <param name="domain">The domain.</param>
    /// <param name="key">The passphrase or keyfile of its volumes.</param>
    /// <param name="force">Start the source of a clone migration anyway (never while the clone runs).</param>
    /// <param name="cancellationToken">Stops before the next volume.</param>
    /// <exception cref="InvalidOperationStateException">
    /// The domain is the source of a defined clone, or a mapping is open on another volume than the job's; nothing was started.
    /// </exception>
    /// <exception cref="ObjectNotFoundException">VirtCrypt never migrated the domain; nothing was started.</exception>
    internal async Task StartAsync(string domain, LuksKey key, bool force = false, CancellationToken cancellationToken = default)
    {
        using var target = hypervisor.GetDomain(domain);
        foreach (var disk in StartableDisks(target, force))
        {
            await OpenAsync(disk, key, cancellationToken).ConfigureAwait(false);
        }

        if (!target.IsActive)
        {
            target.Start();
        }
    }

    /// <summary>
    /// Shuts the domain down gracefully, waiting at most <paramref name="timeout"/> (then destroys it only when
    /// <paramref name="destroyOnTimeout"/>), and closes the mappings its jobs created (each only while it is open on
    /// the job's LUKS volume).
    /// </summary>
    /// <exception cref="ObjectNotFoundException">VirtCrypt never migrated the domain; it was left alone.</exception>
    /// <exception cref="InvalidOperationStateException">It did not shut down in time; it and its mappings are left as they were.</exception>
    internal async Task<ShutdownOutcome> StopAsync(
        string domain, TimeSpan timeout, bool destroyOnTimeout = false, CancellationToken cancellationToken = default)
    {
        JobDisksOf(domain, $"VirtCrypt stops only the domains that run from its encrypted volumes. Shut it down with virsh shutdown {domain}.", requireOpenable: false);
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

        foreach (var disk in Finder().Survey(domain).Where(d => d.IsOpenOnTheJobsVolume))
        {
            await LuksVolume.CloseAsync(disk.MapperName, loggers.CreateLogger<LuksVolume>(), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Closes <c>/dev/mapper/<paramref name="mapper"/></c> when it is open on the LUKS volume a migration job created
    /// under that name; with <paramref name="force"/>, whatever it is.
    /// </summary>
    /// <exception cref="InvalidOperationStateException">No job created the mapping, or it is open on another volume; it stays open.</exception>
    /// <exception cref="ObjectNotFoundException">No mapping of that name is open.</exception>
    /// <exception cref="ResourceBusyException">The mapping is in use; it stays open.</exception>
    internal async Task CloseVolumeAsync(string mapper, bool force = false, CancellationToken cancellationToken = default)
    {
        MapperName.Validate(mapper);
        if (!force)
        {
            RequireAJobsMapping(mapper);
        }

        await LuksVolume.CloseAsync(mapper, loggers.CreateLogger<LuksVolume>(), cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<MappedDisk> OpenableDisks(string domain) =>
        JobDisksOf(domain, "there is nothing to open. Give the job directory that holds its journal (--job-dir) if VirtCrypt migrated it.");

    /// <summary>The disks to open before <paramref name="target"/> starts; refuses as <see cref="StartAsync"/> documents.</summary>
    private IReadOnlyList<MappedDisk> StartableDisks(Domain target, bool force) =>
        JobDisksOf(
            target.Name,
            $"VirtCrypt starts only the domains that run from its encrypted volumes. Start it with virsh start {target.Name}.",
            requireAJobsDisk: !RefuseTheSourceOfADefinedClone(target, force));

    /// <summary>
    /// The domain's disks on mappings, refused (with <paramref name="advice"/>) unless a job created at least one of
    /// them for this domain; with <paramref name="requireOpenable"/>, also refused when one cannot be opened (closed
    /// and no job's, or open on another volume than its job's).
    /// </summary>
    private IReadOnlyList<MappedDisk> JobDisksOf(string domain, string advice, bool requireAJobsDisk = true, bool requireOpenable = true)
    {
        var disks = Finder().Survey(domain);
        if (requireAJobsDisk && !disks.Any(d => d.Creator is not null))
        {
            throw new ObjectNotFoundException(
                $"VirtCrypt never migrated '{domain}': none of its disks is on a mapping that a migration job in {jobs.Directory} created, so it is left alone; {advice}");
        }

        foreach (var disk in requireOpenable ? disks : [])
        {
            if (disk.Creator is null && disk.Mapping is null)
            {
                throw new ObjectNotFoundException(
                    $"{disk.MapperPath} of '{disk.Domain}' is closed and no migration job in {jobs.Directory} created it: give the job directory that holds its journal (--job-dir), or open the volume by hand (cryptsetup open DEVICE {disk.MapperName}).");
            }

            if (disk.Creator is not null && disk.Mapping is { } open && !disk.IsOpenOnTheJobsVolume)
            {
                throw EncryptedVolumeFinder.NotOnItsVolume(disk, open);
            }
        }

        return disks;
    }

    private EncryptedVolumeFinder Finder() => new(hypervisor, jobs, loggers);

    /// <summary>Opens one disk's volume that <see cref="JobDisksOf"/> let through; an open mapping is returned as it is.</summary>
    private async Task<MappedDevice> OpenAsync(MappedDisk disk, LuksKey key, CancellationToken cancellationToken)
    {
        if (disk.Mapping is { } open)
        {
            return open;
        }

        var creator = disk.Creator!.Value;
        using var volume = LuksVolume.Load(creator.Disk.LvPath, loggers.CreateLogger<LuksVolume>());
        if (volume.GetInfo().Uuid != creator.Disk.LuksUuid)
        {
            throw new ObjectNotFoundException(
                $"{creator.Disk.LvPath} no longer holds the LUKS volume {creator.Disk.LuksUuid} that {disk.MapperPath} of '{disk.Domain}' was made from.");
        }

        return await volume.OpenAsync(disk.MapperName, key, new MappingOptions { AllowDiscards = creator.Disk.AllowDiscards }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses <paramref name="domain"/> when a clone migration, not rolled back, was made from it (same name and
    /// UUID) and its clone is still defined: unless <paramref name="force"/>, and never while the clone runs.
    /// </summary>
    /// <returns>Whether the domain is such a source, started by force.</returns>
    private bool RefuseTheSourceOfADefinedClone(Domain domain, bool force)
    {
        foreach (var (jobId, plan) in jobs.PlansNotRolledBack())
        {
            if (plan.Request.Mode != MigrationMode.Clone || plan.Request.Domain != domain.Name || plan.SourceUuid != domain.Uuid
                || EncryptedVolumeFinder.TargetUuidOf(plan) is not { } cloneUuid)
            {
                continue;
            }

            using var clone = hypervisor.FindDomain(cloneUuid);
            if (clone is null)
            {
                continue;
            }

            var what = $"'{domain.Name}' is the unencrypted source of migration job {jobId}, and its clone '{clone.Name}' (the same guest, on encrypted disks) is defined";
            if (clone.IsActive)
            {
                throw new InvalidOperationStateException(
                    $"{what} and running: the two must never run at once, not even with --force. Nothing was started; stop '{clone.Name}' first (virtcrypt stop -d {clone.Name}).");
            }

            return force ? true : throw new InvalidOperationStateException(
                $"{what}. Nothing was started: start the clone (virtcrypt start -d {clone.Name}), or give --force to run the unencrypted source instead.");
        }

        return false;
    }

    /// <summary>Refuses to close a mapping unless it is open on the LUKS volume a job created under that name.</summary>
    private void RequireAJobsMapping(string mapper)
    {
        var path = MapperName.PathOf(mapper);
        var creators = jobs.PlansNotRolledBack()
            .SelectMany(p => p.Plan.Disks.Where(d => d.MapperName == mapper).Select(d => (p.JobId, Disk: d))).ToList();
        if (creators.Count == 0)
        {
            throw new InvalidOperationStateException(
                $"{path} was not opened by VirtCrypt: no migration job in {jobs.Directory} created it, so it is left open. Close it with cryptsetup close {mapper}, give the job directory that holds its journal (--job-dir), or give --force.");
        }

        var finder = Finder();
        var open = finder.OpenMapping(mapper) ?? throw new ObjectNotFoundException($"Cannot close {path}: no such mapping is open.");
        var uuid = open.UnderlyingDevice is { } device ? finder.LuksUuidOf(device) : null;
        if (!creators.Any(c => c.Disk.LuksUuid == uuid))
        {
            var (jobId, disk) = creators[0];
            throw new InvalidOperationStateException(
                $"{path} is open on {open.UnderlyingDevice ?? "an unknown device"}{(uuid is null ? ", which holds no LUKS header" : $" (LUKS UUID {uuid})")}, not on the LUKS volume {disk.LuksUuid} that job {jobId} created; it is left open. Give --force to close it all the same.");
        }
    }
}
