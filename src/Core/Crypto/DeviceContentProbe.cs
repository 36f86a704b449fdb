using System.Runtime.InteropServices;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Blkid;

namespace VirtCrypt.Crypto;

/// <summary>
/// Lists the signatures libblkid finds on a device (filesystems, LUKS headers, LVM PVs, RAID members, partition
/// tables), the way wipefs does, so that formatting never destroys data by accident.
/// </summary>
internal static class DeviceContentProbe
{
    private const int ENOENT = 2;
    private const int EACCES = 13;

    /// <summary>Throws <see cref="DeviceNotEmptyException"/> naming everything found on <paramref name="devicePath"/>.</summary>
    internal static void ThrowIfNotEmpty(string devicePath, string operation)
    {
        var found = Probe(devicePath);
        if (found.Count > 0)
        {
            throw new DeviceNotEmptyException(
                $"Refusing to {operation} {devicePath}: it holds {string.Join(" and ", found)}, which would be destroyed. " +
                "Check that this is the right device; to overwrite it anyway, format with Force.");
        }
    }

    /// <summary>Descriptions such as "a filesystem (ext4)" or "a partition table (dos)"; empty when nothing was found.</summary>
    internal static IReadOnlyList<string> Probe(string devicePath)
    {
        NativeLibraries.Require(NativeLibraryInfo.Blkid);
        using var probe = blkid_new_probe_from_filename(devicePath);
        if (probe.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            var error = new NativeError(NativeLibraryKind.Blkid, -errno);
            throw errno switch
            {
                ENOENT => new ObjectNotFoundException($"The device {devicePath} does not exist.", error),
                EACCES => new PermissionDeniedException($"Cannot read {devicePath} to check it is empty: permission denied; run as root.", error),
                _ => new VirtCryptException($"libblkid cannot probe {devicePath} (errno {errno}).", error),
            };
        }

        blkid_probe_enable_superblocks(probe, 1);
        blkid_probe_set_superblocks_flags(probe, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE | BLKID_SUBLKS_MAGIC | BLKID_SUBLKS_BADCSUM);
        blkid_probe_enable_partitions(probe, 1);
        blkid_probe_set_partitions_flags(probe, BLKID_PARTS_MAGIC | BLKID_PARTS_FORCE_GPT);

        var found = new List<string>();
        int result;
        while ((result = blkid_do_probe(probe)) == 0)
        {
            if (Lookup(probe, "PTTYPE") is { } partitionTable)
            {
                found.Add($"a partition table ({partitionTable})");
            }
            else if (Lookup(probe, "TYPE") is { } type)
            {
                found.Add(Describe(type, Lookup(probe, "USAGE")));
            }
        }

        return result < 0
            ? throw new VirtCryptException($"libblkid failed while probing {devicePath}; check that the device is readable.",
                new NativeError(NativeLibraryKind.Blkid, result))
            : found;
    }

    private static string Describe(string type, string? usage) => (type, usage) switch
    {
        ("crypto_LUKS", _) => "a LUKS header",
        ("LVM2_member", _) => "an LVM physical volume (LVM2_member)",
        (_, "filesystem") => $"a filesystem ({type})",
        _ => $"a {type} signature ({usage ?? "unknown use"})",
    };

    private static string? Lookup(SafeBlkidProbeHandle probe, string name) =>
        blkid_probe_lookup_value(probe, name, out var data, out _) == 0 ? Marshal.PtrToStringUTF8(data) : null;
}
