using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Boot;

/// <summary>
/// Finds a domain's encrypted volumes: its disks whose source is <c>/dev/mapper/NAME</c>, each with the migration job
/// that created that mapping for this domain (its journal names the logical volume and the LUKS UUID) and the mapping
/// as it is open now (the LUKS header under it is read for its UUID). The one search behind <c>boot-config</c> and
/// the service's open, start and stop.
/// </summary>
/// <param name="hypervisor">The libvirt connection the domain lives on (the caller keeps owning it).</param>
/// <param name="jobs">The migration journals.</param>
/// <param name="loggers">Loggers for the LUKS layer; none by default.</param>
internal sealed class EncryptedVolumeFinder(Hypervisor hypervisor, JobStore jobs, ILoggerFactory? loggers = null)
{
    private readonly ILoggerFactory loggers = loggers ?? NullLoggerFactory.Instance;

    /// <summary>The encrypted volumes of <paramref name="domain"/>'s persistent definition, in disk order.</summary>
    /// <exception cref="ObjectNotFoundException">
    /// The domain does not exist, has no disk on a mapping, or a closed mapping was not created by a known job.
    /// </exception>
    /// <exception cref="InvalidOperationStateException">A mapping a job created is open on another volume than the job's.</exception>
    public IReadOnlyList<EncryptedVolume> Find(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var disks = Survey(domain);
        if (disks.Count == 0)
        {
            throw new ObjectNotFoundException($"'{domain}' has no disk on a dm-crypt mapping (a source under {MapperName.Directory}/); there is nothing to open at boot.");
        }

        return disks.Select(Describe).ToList();
    }

    /// <summary>Every disk of <paramref name="domain"/>'s persistent definition on a mapping, in disk order.</summary>
    /// <exception cref="ObjectNotFoundException">The domain does not exist.</exception>
    internal IReadOnlyList<MappedDisk> Survey(string domain)
    {
        using var found = hypervisor.GetDomain(domain);
        var uuid = found.Uuid;
        var plans = jobs.PlansNotRolledBack().Where(p => p.Plan.TargetDomain == domain && TargetUuidOf(p.Plan) == uuid).ToList();
        return found.GetDefinition(inactive: true).MapperNames().Select(mapper =>
        {
            var creator = plans.Select(p => (p.JobId, Disk: p.Plan.Disks.FirstOrDefault(d => d.MapperName == mapper)))
                .FirstOrDefault(c => c.Disk is not null);
            var mapping = OpenMapping(mapper);
            return new MappedDisk(
                domain, mapper, creator.Disk is null ? null : (creator.JobId, creator.Disk), mapping,
                mapping?.UnderlyingDevice is { } device ? LuksUuidOf(device) : null);
        }).ToList();
    }

    /// <summary>The UUID of the domain a plan defines: the clone's new one, or the source's own when retargeting.</summary>
    internal static Guid? TargetUuidOf(MigrationPlan plan) =>
        plan.Request.Mode != MigrationMode.Clone ? plan.SourceUuid
        : plan.NewDomainXml.Length > 0 ? DomainDefinition.Parse(plan.NewDomainXml).Uuid
        : null;

    /// <summary>The open mapping, or null when it is closed or this kernel has no device-mapper at all.</summary>
    internal MappedDevice? OpenMapping(string mapper)
    {
        try
        {
            return LuksVolume.Status(mapper, loggers.CreateLogger<LuksVolume>());
        }
        catch (DeviceMapperUnavailableException)
        {
            return null;
        }
    }

    /// <summary>The UUID of the LUKS header on <paramref name="device"/>, or null when it holds none (or one without a UUID).</summary>
    internal Guid? LuksUuidOf(string device) => LuksHeaders.At(device, loggers.CreateLogger<LuksVolume>())?.Uuid;

    private EncryptedVolume Describe(MappedDisk disk)
    {
        if (disk.Mapping is { } open)
        {
            return disk.MappingLuksUuid is { } uuid && (disk.Creator is null || disk.IsOpenOnTheJobsVolume)
                ? new EncryptedVolume(disk.MapperName, open.UnderlyingDevice!, uuid, disk.Creator?.Disk.AllowDiscards ?? open.AllowDiscards)
                : throw NotOnItsVolume(disk, open);
        }

        return disk.Creator is { Disk: var planned }
            ? new EncryptedVolume(disk.MapperName, planned.LvPath, planned.LuksUuid, planned.AllowDiscards)
            : throw new ObjectNotFoundException(
                $"{disk.MapperPath} of '{disk.Domain}' is not open and no migration job in {jobs.Directory} created it: open it first (virtcrypt open) or give the job directory.");
    }

    /// <summary>The refusal for a mapping open on something else than the LUKS volume its job formatted.</summary>
    internal static InvalidOperationStateException NotOnItsVolume(MappedDisk disk, MappedDevice open)
    {
        var under = $"{open.UnderlyingDevice ?? "an unknown device"}{(disk.MappingLuksUuid is { } uuid ? $" (LUKS UUID {uuid})" : ", which holds no LUKS header")}";
        return new InvalidOperationStateException(disk.Creator is { } creator
            ? $"{disk.MapperPath} of '{disk.Domain}' is open on {under}, not on the LUKS volume {creator.Disk.LuksUuid} that job {creator.JobId} created; it is left alone. Find out what opened it (dmsetup info {disk.MapperName}) and close it yourself."
            : $"{disk.MapperPath} of '{disk.Domain}' is open on {under}: it is not a LUKS volume VirtCrypt can describe.");
    }
}
