using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>What a DM_DEVICE_INFO task tells about one device (checked by native-stubs/abi/devmapper.c).</summary>
    internal static partial class Devmapper
    {
        /// <summary>
        /// struct dm_info as of libdevmapper 1.02.97 (with deferred_remove and internal_suspend). The library exports
        /// dm_task_get_info twice; dlsym, and so this import, binds the default version DM_1_02_97, which fills all.
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct dm_info
        {
            internal int exists;
            internal int suspended;
            internal int live_table;
            internal int inactive_table;
            internal int open_count;
            internal uint event_nr;
            internal uint major;
            internal uint minor;
            internal int read_only;
            internal int target_count;
            internal int deferred_remove;
            internal int internal_suspend;
        }

        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_task_get_info(SafeDmTaskHandle dmt, out dm_info dmi);

        /// <summary>The device's UUID ("" when it has none); the string belongs to the task.</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial IntPtr dm_task_get_uuid(SafeDmTaskHandle dmt);
    }
}
