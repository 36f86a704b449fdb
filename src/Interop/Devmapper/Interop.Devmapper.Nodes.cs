using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// The /dev/mapper nodes: udev makes them where it runs (a cookie lets the caller wait for it), libdevmapper
    /// itself where it does not (DM_DISABLE_UDEV=1), queuing the node operations until dm_task_update_nodes.
    /// </summary>
    internal static partial class Devmapper
    {
        /// <summary>Leaves node creation and removal to udev (only with a cookie and udev synchronisation).</summary>
        internal const ushort DM_UDEV_DISABLE_LIBRARY_FALLBACK = 0x0020;

        /// <summary>1 when udev runs and libdevmapper synchronises with it.</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_udev_get_sync_support();

        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_task_set_cookie(SafeDmTaskHandle dmt, ref uint cookie, ushort flags);

        /// <summary>Waits until udev has processed the events of the cookie's tasks, then releases the cookie.</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_udev_wait(uint cookie);

        /// <summary>Creates or removes the /dev/mapper node of <paramref name="name"/> to match whether the device exists.</summary>
        [LibraryImport(Libraries.Devmapper, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int dm_mknodes(string name);

        /// <summary>Carries out the node operations queued so far.</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial void dm_task_update_nodes();
    }
}
