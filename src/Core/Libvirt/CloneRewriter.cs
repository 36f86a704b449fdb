using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Libvirt;

/// <summary>
/// Turns a domain definition into its clone (or retargeted self) running from new block devices: the rules of
/// virt-clone (virt-manager's <c>virtinst/cloner.py</c>) plus VirtCrypt's own disk rewrite. Pure: it reads the host
/// only through the <see cref="CloneContext"/> it is given and never changes the source definition.
/// </summary>
internal static partial class CloneRewriter
{

    /// <summary>Rewrites a copy of <paramref name="source"/> as <paramref name="request"/> asks.</summary>
    /// <exception cref="InvalidOperationStateException">The source is transient, or a writable disk would be shared with the clone.</exception>
    /// <exception cref="ObjectNotFoundException">A disk to migrate is not in the source.</exception>
    /// <exception cref="OperationNotSupportedException">A disk to migrate is a network disk, has no source, or cannot be migrated.</exception>
    /// <exception cref="ObjectAlreadyExistsException">The new name or a given MAC address is taken.</exception>
    /// <exception cref="InvalidNameException">The new name, a device path or a MAC address is malformed.</exception>
    public static CloneResult Rewrite(DomainDefinition source, CloneRequest request, CloneContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.SourceIsPersistent)
        {
            throw new InvalidOperationStateException(
                $"Domain '{source.Name}' is transient (it has no persistent definition): define it first (virsh dumpxml, then virsh define).");
        }

        var clone = source.Copy();
        var migrations = ValidateMigrations(clone, request);
        var unchanged = clone.Disks.Where(d => !migrations.ContainsKey(d.Element)).ToList();
        if (request.Mode == CloneMode.Clone && unchanged.FirstOrDefault(IsWritable) is { } shared)
        {
            throw new InvalidOperationStateException(
                $"Disk '{shared.Target}' of domain '{source.Name}' is writable but not among the disks to migrate: the clone would write to the source's disk. Migrate it too, or mark it shareable.");
        }

        var warnings = new List<string>();
        var identity = request.Mode == CloneMode.Clone
            ? GiveNewIdentity(source, clone, request, context, warnings)
            : (Name: source.Name, Uuid: source.Uuid ?? Guid.Empty, Nvram: (FileCopyPlan?)null, Tpm: KeptTpm(source));

        foreach (var (disk, migration) in migrations.Values)
        {
            warnings.AddRange(disk.ReplaceWithBlockDevice(migration.DevicePath, BlockDeviceDriver.AllowsDiscards(disk, request.AllowDiscard)));
        }

        return new CloneResult
        {
            Definition = clone,
            Mode = request.Mode,
            Name = identity.Name,
            Uuid = identity.Uuid,
            MacAddresses = clone.Interfaces.Select(i => i.MacAddress ?? "").ToList(),
            MigratedDisks = migrations.Values.Select(m => m.Migration).ToList(),
            UnchangedDisks = unchanged.Select(d => d.Target ?? "").ToList(),
            NvramCopy = identity.Nvram,
            TpmState = identity.Tpm.Handling,
            TpmStateCopy = identity.Tpm.Copy,
            Warnings = warnings,
        };
    }

    /// <summary>virt-clone's name rule: <c>NAME-clone</c>, then <c>NAME-clone1</c>, <c>NAME-clone2</c>...; a source already named <c>X-cloneN</c> gives <c>X-clone(N+1)</c>.</summary>
    internal static string GenerateName(string sourceName, IReadOnlySet<string> taken)
    {
        var match = CloneSuffix().Match(sourceName);
        var baseName = (match.Success ? sourceName[..match.Index] : sourceName) + "-clone";
        var counter = match.Success && match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1 : 1;
        if (!match.Success && !taken.Contains(baseName))
        {
            return baseName;
        }

        while (taken.Contains(baseName + counter.ToString(CultureInfo.InvariantCulture)))
        {
            counter++;
        }

        return baseName + counter.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>virt-clone's rule for a file the clone needs its own of: <c>dir/NAME.ext</c> becomes <c>dir/NEWNAME.ext</c>, anything else <c>dir/BASE-clone.ext</c>.</summary>
    internal static string ClonePath(string path, string sourceName, string newName)
    {
        var directory = Path.GetDirectoryName(path) ?? "";
        var extension = Path.GetExtension(path);
        if (extension.Length > 8)
        {
            extension = "";
        }

        var baseName = Path.GetFileName(path)[..^extension.Length];
        return Path.Combine(directory, (baseName == sourceName ? newName : baseName + "-clone") + extension);
    }

    private static (string Name, Guid Uuid, FileCopyPlan? Nvram, (TpmStateHandling Handling, FileCopyPlan? Copy) Tpm) GiveNewIdentity(
        DomainDefinition source, DomainDefinition clone, CloneRequest request, CloneContext context, List<string> warnings)
    {
        var name = request.NewName ?? GenerateName(source.Name, context.ExistingNames);
        DomainNames.Validate(name);
        if (context.ExistingNames.Contains(name))
        {
            throw new ObjectAlreadyExistsException($"A domain named '{name}' already exists: choose another name for the clone.");
        }

        var uuid = Guid.NewGuid();
        clone.Name = name;
        clone.Uuid = uuid;
        clone.SysinfoSystemUuid = uuid;
        clone.Id = null;
        clone.Title = null;
        AssignMacAddresses(clone, request.MacAddresses, context.ExistingMacAddresses);

        foreach (var graphics in clone.Graphics.Where(g => !g.AutoPort || g.WebSocketPort is not null))
        {
            graphics.UseAutoPort();
        }

        foreach (var device in clone.CharDevices)
        {
            RenameHostFiles(device, source.Name, name);
        }

        FileCopyPlan? nvram = null;
        if (source.NvramPath is { } oldNvram)
        {
            var extension = Path.GetExtension(oldNvram);
            clone.NvramPath = Path.Combine(Path.GetDirectoryName(oldNvram) ?? "", $"{name}_VARS{(extension.Length > 0 ? extension : ".fd")}");
            nvram = request.CopyNvram ? new FileCopyPlan(oldNvram, clone.NvramPath) : null;
        }

        return (name, uuid, nvram, CloneTpm(source, uuid, request, context, warnings));
    }

    /// <summary>The disks to migrate, keyed by their element (views are created afresh on every read).</summary>
    private static Dictionary<XElement, (DiskDefinition Disk, DiskMigration Migration)> ValidateMigrations(
        DomainDefinition clone, CloneRequest request)
    {
        var disks = clone.Disks;
        var result = new Dictionary<XElement, (DiskDefinition, DiskMigration)>();
        foreach (var migration in request.Disks)
        {
            var disk = disks.FirstOrDefault(d => d.Target == migration.Target)
                ?? throw new ObjectNotFoundException(
                    $"Domain '{clone.Name}' has no disk with target '{migration.Target}': its disks are {string.Join(", ", disks.Select(d => d.Target))}.");
            if (result.ContainsKey(disk.Element))
            {
                throw new ArgumentException($"Disk '{migration.Target}' is listed twice among the disks to migrate.");
            }

            CheckMigratable(clone.Name, disk);
            CheckDevicePath(migration);
            result.Add(disk.Element, (disk, migration));
        }

        var paths = request.Disks.GroupBy(m => m.DevicePath).FirstOrDefault(g => g.Count() > 1);
        return paths is null
            ? result
            : throw new ArgumentException($"Two disks would share the device '{paths.Key}': give each disk its own.");
    }

    private static void CheckMigratable(string domainName, DiskDefinition disk)
    {
        var what = $"Disk '{disk.Target}' of domain '{domainName}'";
        if (disk.SourceType == "network")
        {
            throw new OperationNotSupportedException(
                $"{what} is a network disk ({disk.NetworkProtocol ?? "unknown protocol"}): VirtCrypt copies local files and block devices only.");
        }

        if (!disk.HasSource)
        {
            throw new OperationNotSupportedException($"{what} has no source: there is nothing to copy.");
        }

        if (disk.Device != "disk" || disk.IsReadOnly || disk.IsShareable)
        {
            throw new OperationNotSupportedException(
                $"{what} is a {(disk.IsReadOnly ? "read-only " : "")}{(disk.IsShareable ? "shareable " : "")}{disk.Device}: such disks stay shared and are not migrated.");
        }

        if (disk.SourceType is not ("file" or "block"))
        {
            throw new OperationNotSupportedException(
                $"{what} is of type '{disk.SourceType}': only file and block disks can be migrated.");
        }
    }

    private static void CheckDevicePath(DiskMigration migration)
    {
        if (!MapperName.TryParsePath(migration.DevicePath, out _))
        {
            throw new InvalidNameException(
                $"'{migration.DevicePath}' (for disk '{migration.Target}') is not a device-mapper path: give /dev/mapper/NAME.");
        }
    }

    private static bool IsWritable(DiskDefinition disk) =>
        disk.Device is "disk" or "lun" && !disk.IsReadOnly && !disk.IsShareable && disk.HasSource;

    private static void AssignMacAddresses(DomainDefinition clone, IReadOnlyList<string> given, IReadOnlySet<string> existing)
    {
        var interfaces = clone.Interfaces;
        if (given.Count > interfaces.Count)
        {
            throw new ArgumentException(
                $"{given.Count} MAC addresses were given but domain '{clone.Name}' has {interfaces.Count} interfaces.");
        }

        var used = new HashSet<string>(existing, StringComparer.Ordinal);
        for (var i = 0; i < interfaces.Count; i++)
        {
            var mac = i < given.Count ? MacAddresses.Normalize(given[i]) : MacAddresses.NewRandom(used);
            if (!used.Add(mac))
            {
                throw new ObjectAlreadyExistsException(
                    $"MAC address {mac} is already used by a domain on this host or by another interface of the clone: give a unique one.");
            }

            interfaces[i].RemoveTargetDevice();
            interfaces[i].MacAddress = mac;
        }
    }

    private static void RenameHostFiles(CharDeviceDefinition device, string sourceName, string newName)
    {
        if (device.Type == "file" && device.SourcePath is { } path)
        {
            device.SourcePath = ClonePath(path, sourceName, newName);
        }

        if (device.Type == "unix" && device.Kind == "channel" && device.SourceMode != "connect" && device.SourcePath is not null)
        {
            // libvirt generates a per-domain socket path for a bound channel without one.
            device.SourcePath = null;
        }

        if (device.LogFile is { } log)
        {
            device.LogFile = ClonePath(log, sourceName, newName);
        }
    }

    private static (TpmStateHandling Handling, FileCopyPlan? Copy) KeptTpm(DomainDefinition source) =>
        (source.Tpms.Any(t => t.BackendType == "emulator") ? TpmStateHandling.Kept : TpmStateHandling.None, null);

    private static (TpmStateHandling Handling, FileCopyPlan? Copy) CloneTpm(
        DomainDefinition source, Guid newUuid, CloneRequest request, CloneContext context, List<string> warnings)
    {
        if (source.Tpms.Any(t => t.BackendType == "passthrough"))
        {
            warnings.Add($"Domain '{source.Name}' passes the host's TPM through: the clone uses the same physical TPM.");
        }

        if (!source.Tpms.Any(t => t.BackendType == "emulator"))
        {
            return (TpmStateHandling.None, null);
        }

        if (request.CopyTpmState && source.Uuid is { } oldUuid)
        {
            return (TpmStateHandling.Copied, new FileCopyPlan(
                Path.Combine(context.SwtpmStateDirectory, oldUuid.ToString("D")),
                Path.Combine(context.SwtpmStateDirectory, newUuid.ToString("D"))));
        }

        warnings.Add(
            $"The clone of '{source.Name}' starts with an empty TPM: swtpm keeps TPM state per domain UUID and it is not copied, so keys sealed to the source's TPM (BitLocker, LUKS with TPM, measured boot) will not unseal in the clone.");
        return (TpmStateHandling.Lost, null);
    }

    [GeneratedRegex("-clone([1-9][0-9]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CloneSuffix();
}
