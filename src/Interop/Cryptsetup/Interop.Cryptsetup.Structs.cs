using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// The libcryptsetup.h structs, field for field (checked by native-stubs/abi/cryptsetup.c). <c>const char *</c>
    /// fields are UTF-8 pointers that the caller keeps alive for the duration of the call.
    /// </summary>
    internal static partial class Cryptsetup
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct crypt_params_luks1
        {
            internal IntPtr hash;
            internal nuint data_alignment;
            internal IntPtr data_device;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct crypt_params_luks2
        {
            internal IntPtr pbkdf;
            internal IntPtr integrity;
            internal IntPtr integrity_params;
            internal nuint data_alignment;
            internal IntPtr data_device;
            internal uint sector_size;
            internal IntPtr label;
            internal IntPtr subsystem;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct crypt_pbkdf_type
        {
            internal IntPtr type;
            internal IntPtr hash;
            internal uint time_ms;
            internal uint iterations;
            internal uint max_memory_kb;
            internal uint parallel_threads;
            internal uint flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct crypt_active_device
        {
            internal ulong offset;
            internal ulong iv_offset;
            internal ulong size;
            internal uint flags;
        }
    }
}
