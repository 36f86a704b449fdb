using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// libdevmapper's task API (libdevmapper.h): create a task of one type, name its device, run it (one ioctl on
    /// /dev/mapper/control), read the answer. Not thread-safe: every call runs under the cryptsetup gate, because
    /// libcryptsetup shares this library's global state.
    /// </summary>
    internal static partial class Devmapper
    {
        /// <summary>The task types used here (the anonymous enum in libdevmapper.h).</summary>
        internal const int DM_DEVICE_REMOVE = 2;
        internal const int DM_DEVICE_INFO = 6;

        /// <summary>An invalid handle when out of memory.</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial SafeDmTaskHandle dm_task_create(int type);

        [LibraryImport(Libraries.Devmapper)]
        internal static partial void dm_task_destroy(IntPtr dmt);

        /// <summary>1 on success, 0 on failure (as every int-returning call here).</summary>
        [LibraryImport(Libraries.Devmapper, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int dm_task_set_name(SafeDmTaskHandle dmt, string name);

        [LibraryImport(Libraries.Devmapper, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int dm_task_set_uuid(SafeDmTaskHandle dmt, string uuid);

        /// <summary>Retries a removal that fails with EBUSY for a while (a scanner holding the device briefly).</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_task_retry_remove(SafeDmTaskHandle dmt);

        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_task_run(SafeDmTaskHandle dmt);

        /// <summary>The errno of the task's failed ioctl; 0 when it never reached the kernel (no control device).</summary>
        [LibraryImport(Libraries.Devmapper)]
        internal static partial int dm_task_get_errno(SafeDmTaskHandle dmt);
    }
}
