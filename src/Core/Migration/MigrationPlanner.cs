using System.Globalization;
using Microsoft.Extensions.Logging;
using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration;

/// <summary>Computes a <see cref="MigrationPlan"/>: reads the domain, the disks and the volume group, changes nothing.</summary>
internal sealed class MigrationPlanner(Hypervisor hypervisor, LvmHost lvm, JobStore jobs, ILoggerFactory loggers)
{
    /// <summary>LVM's default extent size, assumed for the sizes shown when the volume group is missing.</summary>
    private const long DefaultExtentBytes = 4L << 20;

    /// <param name="request">What to migrate.</param>
    /// <param name="estimateDuration">
    /// Whether an in-place plan measures the volume's read rate for its expected duration; the re-check before execution
    /// does not (the estimate is not part of the drift comparison, and the read would be repeated for nothing).
    /// </param>
    /// <param name="cancellationToken">Stops the planning.</param>
    internal async Task<MigrationPlan> PlanAsync(MigrationRequest request, bool estimateDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireUsable(request);

        using var domain = hypervisor.GetDomain(request.Domain);
        var formatSupport = FormatSupportChecks.Start(request.Format, loggers, cancellationToken);
        var checks = new List<PlanCheck>();
        var warnings = new List<string>();
        var running = domain.IsActive;
        CheckDomainState(domain, running, request, checks);

        var definition = domain.GetDefinition(inactive: true);
        var sources = ReadSources(definition, request, checks, out var migrated);
        var macAddressesUsable = RequestChecks.Add(definition, request, migrated, checks);
        var volumeGroup = await FindVolumeGroupAsync(request.VolumeGroup, checks, cancellationToken).ConfigureAwait(false);
        var (targetDomain, clone) = PlanDefinition(domain, request with { MacAddresses = macAddressesUsable ? request.MacAddresses : [] }, sources, checks);
        checks.Add(CheckNoUnfinishedJob(jobs, domain.Uuid, request.Domain, targetDomain));
        CheckFormatOptions(request, checks);
        await formatSupport.AddAsync(checks, warnings).ConfigureAwait(false);

        var inPlace = request.Mode == MigrationMode.InPlace;
        var volumes = inPlace && volumeGroup is not null ? await volumeGroup.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false) : [];
        var disks = sources.Select(s => PlanDisk(s, targetDomain, request, volumeGroup, volumes)).ToList();
        CheckLogicalVolumeNames(disks, request, checks);
        if (inPlace)
        {
            await InPlacePlanChecks.AddAsync(hypervisor, domain, disks, volumeGroup, request, checks, warnings, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CheckStorageAsync(disks, volumeGroup, request, checks, cancellationToken).ConfigureAwait(false);
        }

        CheckMappers(disks, request, targetDomain, checks);
        CheckHeaderBackups(disks, request, checks);
        if (request.Mode == MigrationMode.Live)
        {
            LivePlanChecks.Add(hypervisor, domain, running, disks, checks, warnings);
        }

        if (request.Mode == MigrationMode.Clone)
        {
            warnings.Add($"'{request.Domain}' and its clone '{targetDomain}' hold the same guest (same IP address, hostname " +
                "and data): never run both at once. The source stays defined and shut off.");
        }

        if (request.Mode == MigrationMode.Clone && domain.Autostart)
        {
            warnings.Add($"'{request.Domain}' starts automatically with the host: the migration switches that off (a rollback switches it " +
                "on again), or after a reboot the unencrypted source would run instead of the clone. To start the clone at boot, see virtcrypt boot-config.");
        }

        warnings.AddRange(clone?.Warnings ?? []);
        warnings.AddRange(disks.Where(d => d.Layout.Note is not null).Select(d => $"{d.Target}: {d.Layout.Note}"));
        if (running && request.ShutdownTimeout is not null && request.Mode != MigrationMode.Live)
        {
            warnings.Add($"'{request.Domain}' is running: it will be shut down before its disks are copied.");
        }

        return new MigrationPlan(
            request,
            domain.Uuid,
            running,
            targetDomain,
            disks,
            clone?.Definition.ToXml() ?? "",
            new[] { clone?.NvramCopy, clone?.TpmStateCopy }.OfType<FileCopyPlan>().ToList(),
            checks,
            warnings,
            inPlace && estimateDuration ? EstimateInPlace(disks, formatSupport) : null) { IsIssued = true };
    }

    /// <summary>
    /// In place, the encryption is disk-bound: the first disk's volume is read for a moment (never written) and its rate,
    /// with the cipher's from the benchmark, gives the expected time of all disks; none when it cannot be read.
    /// </summary>
    private DurationEstimate? EstimateInPlace(List<DiskPlan> disks, FormatSupportChecks formatSupport) =>
        disks.Count > 0 && ReadRateProbe.Measure(disks[0].SourcePath, loggers.CreateLogger<MigrationPlanner>()) is { } readRate
            ? DurationEstimate.For(disks.Sum(d => d.Layout.SourceBytes), readRate, formatSupport.EncryptionBytesPerSecond)
            : null;

    /// <summary>What no plan can be made without; a request built by a program, not by a typing administrator, gets these wrong.</summary>
    private static void RequireUsable(MigrationRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Domain))
        {
            throw new ArgumentException("The migration request names no domain: give the domain to migrate.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.VolumeGroup))
        {
            throw new ArgumentException("The migration request names no volume group: give the volume group that receives the new volumes.", nameof(request));
        }

        if (request.MarginBytes < 0 || request.BandwidthBytesPerSecond < 0 || request.ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"Neither the margin ({request.MarginBytes} bytes), the bandwidth limit ({request.BandwidthBytesPerSecond} bytes/s) " +
                $"nor the shutdown timeout ({request.ShutdownTimeout?.TotalSeconds} s) may be negative.", nameof(request));
        }
    }

    private static void CheckDomainState(Domain domain, bool running, MigrationRequest request, List<PlanCheck> checks)
    {
        checks.Add(domain.IsPersistent
            ? new PlanCheck(PlanCheckId.DomainPersistent, "domain is persistent", true, $"'{domain.Name}' is defined")
            : new PlanCheck(PlanCheckId.DomainPersistent, "domain is persistent", false,
                $"'{domain.Name}' is transient (it vanishes when it stops): define it persistently first (virsh dumpxml + define)."));
        if (request.Mode == MigrationMode.Live)
        {
            return;
        }

        checks.Add((running, request.ShutdownTimeout) switch
        {
            (false, _) => new PlanCheck(PlanCheckId.DomainShutOff, "domain is shut off", true, $"'{domain.Name}' is shut off"),
            (true, { } timeout) => new PlanCheck(PlanCheckId.DomainShutOff, "domain is shut off", true, string.Create(CultureInfo.InvariantCulture,
                $"'{domain.Name}' is running and will be shut down gracefully (waiting up to {timeout.TotalSeconds:0} s)")),
            (true, null) => new PlanCheck(PlanCheckId.DomainShutOff, "domain is shut off", false,
                $"'{domain.Name}' is running; a running disk cannot be copied consistently. Shut it down, or allow VirtCrypt to (--shutdown-timeout)."),
        });
    }

    private List<SourceDisk> ReadSources(DomainDefinition definition, MigrationRequest request, List<PlanCheck> checks, out List<string> migrated)
    {
        var writable = definition.Disks.Where(IsMigratable).ToList();
        var selected = new List<DiskDefinition>();
        foreach (var target in request.Disks.Distinct(StringComparer.Ordinal))
        {
            var disk = definition.Disks.FirstOrDefault(d => d.Target == target);
            if (disk is null)
            {
                checks.Add(new PlanCheck(PlanCheckId.DiskExists, target, $"disk {target} exists", false,
                    $"'{request.Domain}' has no disk '{target}'; its disks are: {string.Join(", ", definition.Disks.Select(d => d.Target))}."));
            }
            else if (!IsMigratable(disk))
            {
                checks.Add(new PlanCheck(PlanCheckId.DiskMigratable, target, $"disk {target} can be migrated", false,
                    $"{target} is a {disk.Device}{(disk.IsReadOnly ? ", read-only" : "")}{(disk.IsShareable ? ", shareable" : "")} disk: such disks stay shared and are not migrated."));
            }
            else
            {
                selected.Add(disk);
            }
        }

        if (request.Disks.Count == 0)
        {
            selected = writable;
        }

        if (selected.Count == 0 && request.Disks.Count == 0)
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskToMigrate, "a disk to migrate", false, $"'{request.Domain}' has no writable disk."));
        }

        migrated = selected.Select(d => d.Target!).ToList();
        var sources = new List<SourceDisk>();
        foreach (var disk in selected)
        {
            if (ReadSource(disk, request, checks) is { } source)
            {
                sources.Add(source);
            }
        }

        return sources;
    }

    /// <summary>A writable disk of its own: read-only and shareable disks stay as they are.</summary>
    private static bool IsMigratable(DiskDefinition disk) => disk.Device == "disk" && !disk.IsReadOnly && !disk.IsShareable;

    private SourceDisk? ReadSource(DiskDefinition disk, MigrationRequest request, List<PlanCheck> checks)
    {
        var name = $"disk {disk.Target} is readable";
        if (disk.SourceType is not ("file" or "block"))
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskReadable, disk.Target!, name, false,
                $"{disk.Target} is a {disk.SourceType} disk ({disk.NetworkProtocol ?? "no local source"}): only file and block device disks can be copied."));
            return null;
        }

        if (!disk.HasSource || disk.SourcePath is null)
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskReadable, disk.Target!, name, false, $"{disk.Target} has no source (an empty drive): there is nothing to copy."));
            return null;
        }

        if (!TryParseFormat(disk.Format, out var format))
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskReadable, disk.Target!, name, false, $"{disk.Target} is in {disk.Format} format; VirtCrypt copies raw and qcow2 disks."));
            return null;
        }

        try
        {
            using var image = DiskImage.Open(disk.SourcePath, format, loggers.CreateLogger<DiskImage>());
            if (image.VirtualSize == 0)
            {
                checks.Add(new PlanCheck(PlanCheckId.DiskNotEmpty, disk.Target!, $"disk {disk.Target} is not empty", false,
                    $"disk {disk.Target} is empty: nothing to migrate ({disk.SourcePath} holds 0 bytes). Detach the empty disk from the domain first, or give it a size."));
                return null;
            }

            checks.Add(new PlanCheck(PlanCheckId.DiskReadable, disk.Target!, name, true, string.Create(CultureInfo.InvariantCulture,
                $"{disk.Target}: {disk.SourcePath}, {format.ToString().ToLowerInvariant()}, {image.VirtualSize} bytes")));
            return new SourceDisk(disk.Target!, disk.SourcePath, format, image.VirtualSize, BlockDeviceDriver.AllowsDiscards(disk, request.AllowDiscards));
        }
        catch (Exception e) when (e is VirtCryptException or IOException or UnauthorizedAccessException)
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskReadable, disk.Target!, name, false, $"{disk.Target}: {e.Message}"));
            return null;
        }
    }

    private static bool TryParseFormat(string? format, out DiskFormat parsed)
    {
        (var known, parsed) = format switch
        {
            null or "raw" => (true, DiskFormat.Raw),
            "qcow2" => (true, DiskFormat.Qcow2),
            _ => (false, DiskFormat.Raw),
        };
        return known;
    }

    private async Task<VolumeGroup?> FindVolumeGroupAsync(string name, List<PlanCheck> checks, CancellationToken cancellationToken)
    {
        try
        {
            var group = await lvm.GetVolumeGroupAsync(name, cancellationToken).ConfigureAwait(false);
            checks.Add(new PlanCheck(PlanCheckId.VolumeGroupExists, "volume group exists", true, string.Create(CultureInfo.InvariantCulture,
                $"{group.Name}: {ByteCount.Format(group.FreeBytes)} free of {ByteCount.Format(group.SizeBytes)}, extents of {ByteCount.Format(group.ExtentSizeBytes)}")));
            return group;
        }
        catch (Exception e) when (e is ObjectNotFoundException or InvalidNameException)
        {
            checks.Add(new PlanCheck(PlanCheckId.VolumeGroupExists, "volume group exists", false, e.Message));
            return null;
        }
    }

    private (string Name, CloneResult? Clone) PlanDefinition(Domain domain, MigrationRequest request, List<SourceDisk> sources, List<PlanCheck> checks)
    {
        var name = request.Mode == MigrationMode.Clone ? request.NewName ?? domain.Name + "-clone" : domain.Name;
        try
        {
            var mode = request.Mode == MigrationMode.Clone ? CloneMode.Clone : CloneMode.Retarget;
            if (mode == CloneMode.Clone && request.NewName is null)
            {
                name = CloneRewriter.GenerateName(domain.Name, hypervisor.GetCloneContext(domain).ExistingNames);
            }

            var clone = hypervisor.PlanClone(domain, new CloneRequest
            {
                Mode = mode,
                NewName = mode == CloneMode.Clone ? name : null,
                Disks = sources.Select(s => new DiskMigration(s.Target, MapperName.PathOf(MapperNameFor(request, name, s.Target)))).ToList(),
                AllowDiscard = request.AllowDiscards,
                MacAddresses = request.MacAddresses,
            });
            checks.Add(new PlanCheck(PlanCheckId.DomainDefinition, "new domain definition", true,
                mode == CloneMode.Clone ? $"new domain '{clone.Name}' ({clone.Uuid})" : $"'{clone.Name}' keeps its name, UUID and MAC addresses"));
            return (name, clone);
        }
        catch (Exception e) when (e is VirtCryptException or ArgumentException)
        {
            checks.Add(new PlanCheck(PlanCheckId.DomainDefinition, "new domain definition", false, e.Message));
            return (name, null);
        }
    }

    /// <summary>
    /// Refuses a second job while an unfinished one (neither completed nor rolled back) works on the same source domain or
    /// the same target: they would fight over the domain, and one's rollback would point at the other's volumes.
    /// </summary>
    internal static PlanCheck CheckNoUnfinishedJob(JobStore jobs, Guid sourceUuid, string domain, string targetDomain)
    {
        const string check = "no unfinished job for the domain";
        IReadOnlyList<StoredJob> stored;
        try
        {
            stored = jobs.ReadAll();
        }
        catch (VirtCryptException e)
        {
            return new PlanCheck(PlanCheckId.NoUnfinishedJob, check, false, e.Message);
        }

        string[] names = [domain, targetDomain];
        var other = stored.Select(s => s.Job).OfType<MigrationJob>().LastOrDefault(j => j.Status == JobStatus.Unfinished
            && (j.Plan.SourceUuid == sourceUuid || names.Contains(j.Plan.Request.Domain) || names.Contains(j.Plan.TargetDomain)));
        return other is null
            ? new PlanCheck(PlanCheckId.NoUnfinishedJob, check, true, $"no unfinished job in {jobs.Directory} works on '{domain}' or '{targetDomain}'")
            : new PlanCheck(PlanCheckId.NoUnfinishedJob, check, false,
                $"job {other.Id} ({other.Plan.Request.Mode} of '{other.Plan.Request.Domain}' to '{other.Plan.TargetDomain}') is unfinished: " +
                $"resume it (virtcrypt resume {other.Id}) or roll it back (virtcrypt rollback {other.Id}) before another migration of '{domain}'.");
    }

    private static void CheckFormatOptions(MigrationRequest request, List<PlanCheck> checks) =>
        checks.Add(request.Format.Problem() is { } problem
            ? new PlanCheck(PlanCheckId.LuksOptions, "LUKS options", false, problem)
            : new PlanCheck(PlanCheckId.LuksOptions, "LUKS options", true, string.Create(CultureInfo.InvariantCulture,
                $"{request.Format.Version}, {request.Format.Cipher}-{request.Format.CipherMode}, {request.Format.KeySizeBits} bits, {request.Format.Hash}")));

    private static string MapperNameFor(MigrationRequest request, string targetDomain, string target) =>
        request.MapperNames.TryGetValue(target, out var name) ? name : MigrationNames.Mapper(targetDomain, target);

    /// <summary>
    /// One disk's new volume; in place, the disk's own logical volume (when its source is one of the group's) and its
    /// layout after the encryption.
    /// </summary>
    private static DiskPlan PlanDisk(SourceDisk source, string targetDomain, MigrationRequest request, VolumeGroup? group, IReadOnlyList<LogicalVolume> volumes)
    {
        var header = request.Format.Version == LuksVersion.Luks1 ? VolumeSizing.Luks1HeaderBytes : VolumeSizing.Luks2HeaderBytes;
        var extent = group?.ExtentSizeBytes ?? DefaultExtentBytes;
        var inPlace = request.Mode == MigrationMode.InPlace;
        var layout = inPlace ? InPlacePlanChecks.Layout(source.VirtualSize, extent) : VolumeSizing.Plan(source.VirtualSize, extent, header, request.MarginBytes);
        var lvName = inPlace && InPlacePlanChecks.VolumeAt(source.Path, request.VolumeGroup, volumes) is { } own
            ? own.Name
            : MigrationNames.LogicalVolume(targetDomain, source.Target);
        return new DiskPlan(source.Target, source.Path, source.Format, request.VolumeGroup, lvName, layout,
            MapperNameFor(request, targetDomain, source.Target), Guid.NewGuid(), source.AllowDiscards);
    }

    /// <summary>LVM's naming rules for the new volumes; they need only the volume group's name, not the group.</summary>
    private static void CheckLogicalVolumeNames(List<DiskPlan> disks, MigrationRequest request, List<PlanCheck> checks)
    {
        if (LvmNames.ProblemWithName(request.VolumeGroup) is not null)
        {
            return;
        }

        foreach (var disk in disks)
        {
            if (LvmNames.ProblemWithLogicalVolumeName(LvmNames.VolumeGroup(request.VolumeGroup), disk.LvName) is { } problem)
            {
                checks.Add(new PlanCheck(PlanCheckId.LogicalVolumeName, disk.LvName, $"logical volume name {disk.LvName}", false,
                    $"{LvmNames.Show(disk.LvName)} cannot be a logical volume name: {problem}. {RenameAdvice(request)}"));
            }
        }
    }

    /// <summary>How to get other names for the new volumes: they are made from the new domain's name.</summary>
    private static string RenameAdvice(MigrationRequest request) => request.Mode == MigrationMode.Clone
        ? "The name is made from the clone's name: give the clone another name (--new-name)."
        : $"The name is made from the domain's name '{request.Domain}', which a {request.Mode.ToString().ToLowerInvariant()} migration keeps: " +
            "rename the domain, or migrate a clone with another name (--mode clone --new-name).";

    private static async Task CheckStorageAsync(
        List<DiskPlan> disks, VolumeGroup? group, MigrationRequest request, List<PlanCheck> checks, CancellationToken cancellationToken)
    {
        if (group is null)
        {
            return;
        }

        var needed = disks.Sum(d => d.Layout.LvBytes);
        checks.Add(needed <= group.FreeBytes
            ? new PlanCheck(PlanCheckId.FreeSpace, "enough free space", true, $"{ByteCount.Format(needed)} needed, {ByteCount.Format(group.FreeBytes)} free in {group.Name}")
            : new PlanCheck(PlanCheckId.FreeSpace, "enough free space", false,
                $"{needed} bytes ({ByteCount.Format(needed)}) needed but only {group.FreeBytes} bytes ({ByteCount.Format(group.FreeBytes)}) free in {group.Name}: extend the volume group or choose another."));

        var existing = (await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false)).Select(v => v.Name).ToHashSet();
        foreach (var disk in disks.Where(d => LvmNames.ProblemWithLogicalVolumeName(LvmNames.VolumeGroup(group.Name), d.LvName) is null))
        {
            checks.Add(existing.Contains(disk.LvName)
                ? new PlanCheck(PlanCheckId.LogicalVolumeFree, disk.LvName, $"logical volume {disk.LvName} is free", false,
                    $"{request.VolumeGroup}/{disk.LvName} already exists: remove it, or choose other names. {RenameAdvice(request)}")
                : new PlanCheck(PlanCheckId.LogicalVolumeFree, disk.LvName, $"logical volume {disk.LvName} is free", true, $"{disk.LvPath} will be created"));
        }
    }

    private static void CheckMappers(List<DiskPlan> disks, MigrationRequest request, string targetDomain, List<PlanCheck> checks)
    {
        foreach (var disk in disks)
        {
            var name = $"mapping {disk.MapperName} is free";
            try
            {
                MapperName.Validate(disk.MapperName);
                checks.Add(LuksVolume.Status(disk.MapperName) is null
                    ? new PlanCheck(PlanCheckId.MappingFree, disk.MapperName, name, true, $"{disk.MapperPath} will be opened")
                    : new PlanCheck(PlanCheckId.MappingFree, disk.MapperName, name, false, $"{disk.MapperPath} already exists: close it, or choose another name (--mapper)."));
            }
            catch (InvalidNameException e) when (!request.MapperNames.ContainsKey(disk.Target))
            {
                checks.Add(new PlanCheck(PlanCheckId.MappingFree, disk.MapperName, name, false,
                    $"{e.Message} The default name is made from the domain name '{targetDomain}': give disk {disk.Target} a mapping name of its own (--mapper {disk.Target}={MigrationNames.SafeMapper(targetDomain, disk.Target)})."));
            }
            catch (VirtCryptException e)
            {
                checks.Add(new PlanCheck(PlanCheckId.MappingFree, disk.MapperName, name, false, e.Message));
            }
        }

        foreach (var clash in disks.GroupBy(d => d.MapperName).Where(g => g.Count() > 1))
        {
            checks.Add(new PlanCheck(PlanCheckId.MappingFree, clash.Key, $"mapping {clash.Key} is free", false, $"several disks would use the mapping {clash.Key}: give each its own name."));
        }
    }

    private static void CheckHeaderBackups(List<DiskPlan> disks, MigrationRequest request, List<PlanCheck> checks)
    {
        if (request.HeaderBackupDirectory is not { } directory)
        {
            return;
        }

        checks.Add(Directory.Exists(directory)
            ? new PlanCheck(PlanCheckId.HeaderBackupDirectory, "header backup directory exists", true, directory)
            : new PlanCheck(PlanCheckId.HeaderBackupDirectory, "header backup directory exists", false, $"{directory} does not exist: create it (not on the encrypted volume)."));
        foreach (var disk in disks)
        {
            var file = MigrationNames.HeaderBackup(directory, disk.LvName);
            if (File.Exists(file))
            {
                checks.Add(new PlanCheck(PlanCheckId.HeaderBackupFree, file, $"header backup {file} is free", false, $"{file} exists and is never overwritten: move it away."));
            }
        }
    }

    private sealed record SourceDisk(string Target, string Path, DiskFormat Format, long VirtualSize, bool AllowDiscards);
}
