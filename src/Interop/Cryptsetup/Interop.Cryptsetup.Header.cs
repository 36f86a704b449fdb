using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Cryptsetup
    {
        /// <summary>crypt_wipe_pattern.</summary>
        internal const int CRYPT_WIPE_ZERO = 0;
        internal const int CRYPT_WIPE_RANDOM = 1;

        /// <summary>Creates the file itself (O_EXCL, mode 0400): it fails with -EEXIST rather than overwrite.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_header_backup(SafeCryptDeviceHandle cd, string? requestedType, string backupFile);

        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_header_restore(SafeCryptDeviceHandle cd, string? requestedType, string backupFile);

        /// <summary><paramref name="devicePath"/> null wipes the context's data device.</summary>
        [LibraryImport(Libraries.Cryptsetup, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int crypt_wipe(
            SafeCryptDeviceHandle cd, string? devicePath, int pattern, ulong offset, ulong length, nuint wipeBlockSize,
            uint flags, IntPtr progress, IntPtr usrptr);
    }
}
