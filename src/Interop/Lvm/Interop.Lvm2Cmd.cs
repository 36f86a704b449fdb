using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>liblvm2cmd (lvm2cmd.h). Not thread-safe: one handle, used from one thread.</summary>
    internal static partial class Lvm2Cmd
    {
        internal const int LVM2_LOG_FATAL = 2;
        internal const int LVM2_LOG_ERROR = 3;
        internal const int LVM2_LOG_PRINT = 4;
        internal const int LVM2_LOG_VERBOSE = 5;
        internal const int LVM2_LOG_VERY_VERBOSE = 6;
        internal const int LVM2_LOG_DEBUG = 7;

        internal const int LVM2_COMMAND_SUCCEEDED = 1;
        internal const int LVM2_NO_SUCH_COMMAND = 2;
        internal const int LVM2_INVALID_PARAMETERS = 3;
        internal const int LVM2_INIT_FAILED = 4;
        internal const int LVM2_PROCESSING_FAILED = 5;

        /// <summary>Sets the process umask to 077 and never restores it: callers save and restore it.</summary>
        [LibraryImport(Libraries.Lvm2Cmd)]
        internal static partial SafeLvmHandle lvm2_init();

        [LibraryImport(Libraries.Lvm2Cmd, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int lvm2_run(SafeLvmHandle handle, string cmdline);

        /// <summary>Process-wide log function: (level, file, line, dm_errno, message).</summary>
        [LibraryImport(Libraries.Lvm2Cmd)]
        internal static unsafe partial void lvm2_log_fn(delegate* unmanaged<int, byte*, int, int, byte*, void> logFunction);

        [LibraryImport(Libraries.Lvm2Cmd)]
        internal static partial void lvm2_exit(IntPtr handle);
    }
}
