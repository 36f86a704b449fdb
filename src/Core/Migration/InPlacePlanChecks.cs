using System.Globalization;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration;

/// <summary>
/// The layout and the checks of an in-place migration: each disk is a raw logical volume of the plan's volume group,
/// which grows by the LUKS2 header and is encrypted where it stands (libcryptsetup's reencryption with data shift).
/// </summary>
internal static class InPlacePlanChecks
{
    /// <summary>libcryptsetup's LUKS2 decryption with data shift (the manual way back) came in 2.5.0; its reencryption API is older.</summary>
    internal static readonly Version LibrarySince = new(2, 5, 0);

    /// <summary>The first libcryptsetup that decrypts a device whose header is at its head, moving the data back (a rollback after InitEncryption).</summary>
    internal static readonly Version DecryptionSince = new(2, 6, 0);

    /// <summary>The header's room, rounded up to whole extents: the LV keeps it; the encryption needs it twice while it runs.</summary>
    internal static long HeaderBytes(long extentBytes) => (VolumeSizing.Luks2HeaderBytes + extentBytes - 1) / extentBytes * extentBytes;

    /// <summary>The final layout: the LV grows by the header, the mapping is exactly the old LV.</summary>
    internal static VolumeLayout Layout(long sourceBytes, long extentBytes)
    {
        var header = HeaderBytes(extentBytes);
        return new VolumeLayout(sourceBytes, sourceBytes + header, header, sourceBytes, null);
    }

    /// <summary>The logical volume of <paramref name="group"/> that <paramref name="path"/> is (<c>/dev/VG/LV</c> or <c>/dev/mapper/VG-LV</c>).</summary>
    internal static LogicalVolume? VolumeAt(string path, string group, IEnumerable<LogicalVolume> volumes) =>
        volumes.FirstOrDefault(v => v.VolumeGroupName == group && v.DevicePaths.Contains(path));

    internal static async Task AddAsync(
        Hypervisor hypervisor, Domain domain, IReadOnlyList<DiskPlan> disks, VolumeGroup? group, MigrationRequest request,
        List<PlanCheck> checks, List<string> warnings, CancellationToken cancellationToken)
    {
        CheckLibrary(request, checks);
        if (group is null)
        {
            return;
        }

        var volumes = await group.GetLogicalVolumesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var disk in disks)
        {
            CheckVolume(disk, group, volumes, checks);
        }

        CheckNotShared(hypervisor, domain, disks, group, checks);
        var header = HeaderBytes(group.ExtentSizeBytes);
        var during = 2 * header * disks.Count;
        var clone = disks.Sum(d => VolumeSizing.Plan(d.Layout.SourceBytes, group.ExtentSizeBytes, VolumeSizing.Luks2HeaderBytes).LvBytes);
        checks.Add(during <= group.FreeBytes
            ? new PlanCheck(PlanCheckId.FreeSpace, "enough free space", true, string.Create(CultureInfo.InvariantCulture,
                $"in place: {ByteCount.Format(during)} needed while encrypting, {ByteCount.Format(header * disks.Count)} kept for the header(s) (a clone would need {ByteCount.Format(clone)}); {ByteCount.Format(group.FreeBytes)} free in {group.Name}"))
            : new PlanCheck(PlanCheckId.FreeSpace, "enough free space", false, string.Create(CultureInfo.InvariantCulture,
                $"in place: {during} bytes ({ByteCount.Format(during)}: twice the LUKS2 header per disk while encrypting) needed but only {group.FreeBytes} bytes ({ByteCount.Format(group.FreeBytes)}) free in {group.Name}: free {ByteCount.Format(during - group.FreeBytes)} in the volume group (or extend it).")));
        var pass = $"In place: each disk is encrypted where it stands, in one pass over its {ByteCount.Format(disks.Sum(d => d.Layout.SourceBytes))} while the guest is off; no copy is kept. ";
        warnings.Add(LibraryDecrypts()
            ? pass + "Keep a backup: once the LUKS2 header is on the volume (step InitEncryption), a rollback needs the passphrase and decrypts the volume back " +
              "in one more pass (an encryption under way is finished first, so up to two)."
            : pass + $"Keep a backup: this libcryptsetup predates {DecryptionSince}, so a rollback is possible only until the LUKS2 header is written onto the volume " +
              "(step InitEncryption); from then on the job can only be resumed.");
    }

    /// <summary>Whether the loaded libcryptsetup decrypts a volume with its header at the head (see <see cref="DecryptionSince"/>).</summary>
    internal static bool LibraryDecrypts() => LibraryVersion() is { } version && version >= DecryptionSince;

    private static Version? LibraryVersion()
    {
        try
        {
            return Version.TryParse(CryptsetupVersion.OfLibrary().Split('-', '~')[0], out var version) ? version : null;
        }
        catch (Errors.VirtCryptException)
        {
            return null;
        }
    }

    private static void CheckLibrary(MigrationRequest request, List<PlanCheck> checks)
    {
        const string name = "libcryptsetup encrypts in place";
        if (request.Format.Version != LuksVersion.Luks2)
        {
            checks.Add(new PlanCheck(PlanCheckId.InPlaceLibrary, name, false, "In-place encryption writes LUKS2 (LUKS1 has no crash-safe reencryption): drop --luks1."));
            return;
        }

        string text;
        try
        {
            text = CryptsetupVersion.OfLibrary();
        }
        catch (Errors.VirtCryptException e)
        {
            checks.Add(new PlanCheck(PlanCheckId.InPlaceLibrary, name, false, e.Message));
            return;
        }

        checks.Add(LibraryVersion() is { } version && version >= LibrarySince
            ? new PlanCheck(PlanCheckId.InPlaceLibrary, name, true, $"libcryptsetup {text}: LUKS2 reencryption with data shift")
            : new PlanCheck(PlanCheckId.InPlaceLibrary, name, false, $"libcryptsetup {text} predates {LibrarySince}, which VirtCrypt needs for in-place encryption: upgrade cryptsetup, or use --mode retarget."));
    }

    private static void CheckVolume(DiskPlan disk, VolumeGroup group, IReadOnlyList<LogicalVolume> volumes, List<PlanCheck> checks)
    {
        var name = $"disk {disk.Target} is a raw logical volume";
        if (disk.SourceFormat != Copy.DiskFormat.Raw)
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskRawLogicalVolume, disk.Target, name, false, $"{disk.Target} is {disk.SourceFormat.ToString().ToLowerInvariant()}: only a raw disk can be encrypted in place (use --mode retarget)."));
            return;
        }

        if (VolumeAt(disk.SourcePath, group.Name, volumes) is not { } volume)
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskRawLogicalVolume, disk.Target, name, false,
                $"{disk.Target} is on {disk.SourcePath}, not on a logical volume of {group.Name} (/dev/{group.Name}/LV or /dev/mapper/{group.Name}-LV): give its volume group (--vg), or use --mode retarget."));
            return;
        }

        var probe = DeviceContentProbe.Probe(disk.SourcePath);
        if (probe.Any(p => p.Contains("LUKS", StringComparison.OrdinalIgnoreCase)))
        {
            checks.Add(new PlanCheck(PlanCheckId.DiskRawLogicalVolume, disk.Target, name, false, $"{disk.SourcePath} already holds a LUKS header ({string.Join(", ", probe)}): it is encrypted already, or an earlier attempt left it so."));
            return;
        }

        checks.Add(volume.SizeBytes % VolumeSizing.DataOffsetAlignment == 0
            ? new PlanCheck(PlanCheckId.DiskRawLogicalVolume, disk.Target, name, true, string.Create(CultureInfo.InvariantCulture,
                $"{disk.Target}: {volume} ({ByteCount.WithBytes(volume.SizeBytes)}) grows to {ByteCount.WithBytes(disk.Layout.LvBytes)}; the guest keeps seeing {ByteCount.WithBytes(disk.Layout.MappedBytes)}"))
            : new PlanCheck(PlanCheckId.DiskRawLogicalVolume, disk.Target, name, false, $"{volume} is {volume.SizeBytes} bytes, not a multiple of 4096: it cannot be encrypted in place."));
    }

    /// <summary>A volume another domain also uses would be encrypted under it.</summary>
    private static void CheckNotShared(Hypervisor hypervisor, Domain domain, IReadOnlyList<DiskPlan> disks, VolumeGroup group, List<PlanCheck> checks)
    {
        var paths = disks.ToDictionary(d => d.Target, d => (string[])[d.SourcePath, .. LvmNames.DevicePaths(LvmNames.VolumeGroup(group.Name), LvmNames.LogicalVolume(LvmNames.VolumeGroup(group.Name), d.LvName))]);
        using var domains = hypervisor.ListDomains();
        foreach (var other in domains.Where(d => d.Uuid != domain.Uuid))
        {
            var definitions = other.IsActive && other.IsPersistent ? [other.GetDefinition(), other.GetDefinition(inactive: true)] : new[] { other.GetDefinition() };
            var sources = definitions.SelectMany(d => d.Disks).Select(d => d.SourcePath).OfType<string>().ToHashSet();
            foreach (var (target, forms) in paths.Where(p => p.Value.Any(sources.Contains)))
            {
                checks.Add(new PlanCheck(PlanCheckId.DiskNotShared, target, $"disk {target} is not shared", false,
                    $"'{other.Name}' also uses {forms[0]}: encrypting it in place would pull it from under that domain. Detach it there first."));
            }
        }
    }
}
