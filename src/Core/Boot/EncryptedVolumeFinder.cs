using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Boot;

/// <summary>
/// Finds a domain's encrypted volumes: its disks whose source is <c>/dev/mapper/NAME</c>. An open mapping is asked
/// for the device under it and that device's LUKS header for the UUID; a closed one is looked up in the journal of
/// the migration job that created it.
/// </summary>
/// <param name="hypervisor">The libvirt connection the domain lives on (the caller keeps owning it).</param>
/// <param name="jobs">The migration journals.</param>
/// <param name="loggers">Loggers for the LUKS layer; none by default.</param>
public sealed class EncryptedVolumeFinder(Hypervisor hypervisor, JobStore jobs, ILoggerFactory? loggers = null)
{
    private readonly ILoggerFactory loggers = loggers ?? NullLoggerFactory.Instance;

    /// <summary>The encrypted volumes of <paramref name="domain"/>'s persistent definition, in disk order.</summary>
    /// <exception cref="ObjectNotFoundException">
    /// The domain does not exist, has no disk on a mapping, or a closed mapping was not created by a known job.
    /// </exception>
    public IReadOnlyList<EncryptedVolume> Find(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var mappers = hypervisor.MapperNamesOf(domain);
        if (mappers.Count == 0)
        {
            throw new ObjectNotFoundException($"'{domain}' has no disk on a dm-crypt mapping (a source under {MapperDisks.MapperDirectory}); there is nothing to open at boot.");
        }

        return mappers.Select(m => Describe(domain, m)).ToList();
    }

    private EncryptedVolume Describe(string domain, string mapper)
    {
        var journal = jobs.FindCreatorOf(domain, mapper);
        if (OpenMapping(mapper) is { UnderlyingDevice: { } device } open)
        {
            using var volume = LuksVolume.Load(device, loggers.CreateLogger<LuksVolume>());
            return new EncryptedVolume(mapper, device, Guid.Parse(volume.GetInfo().Uuid), journal?.Disk.AllowDiscards ?? open.AllowDiscards);
        }

        return journal is var (_, disk)
            ? new EncryptedVolume(mapper, disk.LvPath, disk.LuksUuid, disk.AllowDiscards)
            : throw new ObjectNotFoundException(
                $"{MapperDisks.MapperDirectory}{mapper} of '{domain}' is not open and no migration job in {jobs.Directory} created it: open it first (virtcrypt open) or give the job directory.");
    }

    /// <summary>The open mapping, or null when it is closed or this kernel has no device-mapper at all.</summary>
    private MappedDevice? OpenMapping(string mapper)
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
}
