using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>libblkid's low-level probing (blkid.h), as wipefs uses it to list every signature on a device.</summary>
    internal static partial class Blkid
    {
        internal const int BLKID_SUBLKS_TYPE = 1 << 5;
        internal const int BLKID_SUBLKS_USAGE = 1 << 7;
        internal const int BLKID_SUBLKS_MAGIC = 1 << 9;
        internal const int BLKID_SUBLKS_BADCSUM = 1 << 10;
        internal const int BLKID_PARTS_FORCE_GPT = 1 << 1;
        internal const int BLKID_PARTS_MAGIC = 1 << 3;

        /// <summary>Opens the device read-only; an invalid handle (errno set) when it cannot.</summary>
        [LibraryImport(Libraries.Blkid, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial SafeBlkidProbeHandle blkid_new_probe_from_filename(string filename);

        [LibraryImport(Libraries.Blkid)]
        internal static partial void blkid_free_probe(IntPtr pr);

        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_probe_enable_superblocks(SafeBlkidProbeHandle pr, int enable);

        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_probe_set_superblocks_flags(SafeBlkidProbeHandle pr, int flags);

        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_probe_enable_partitions(SafeBlkidProbeHandle pr, int enable);

        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_probe_set_partitions_flags(SafeBlkidProbeHandle pr, int flags);

        /// <summary>0: the next signature was found; 1: no more; -1: error. Each call moves on to the next one.</summary>
        [LibraryImport(Libraries.Blkid)]
        internal static partial int blkid_do_probe(SafeBlkidProbeHandle pr);

        /// <summary>0 when the value exists; <paramref name="data"/> belongs to the probe.</summary>
        [LibraryImport(Libraries.Blkid, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int blkid_probe_lookup_value(SafeBlkidProbeHandle pr, string name, out IntPtr data, out nuint len);
    }
}
