using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Copy;

/// <summary>The one table that turns a failed system call of the copy engine into a VirtCrypt exception.</summary>
internal static class CopyErrors
{
    /// <summary>The exception for <paramref name="errno"/> from <paramref name="operation"/> on <paramref name="path"/>.</summary>
    internal static VirtCryptException ForErrno(int errno, string operation, string path)
    {
        var native = new NativeError(NativeLibraryKind.Libc, errno, Marshal.GetPInvokeErrorMessage(errno));
        var what = $"{operation} {path} failed: {native.Message}";
        return errno switch
        {
            ENOENT => new ObjectNotFoundException($"{what}. Check the path.", native),
            EACCES or EPERM or EROFS => new PermissionDeniedException($"{what}. Run as root and check that the device is writable.", native),
            EBUSY => new ResourceBusyException($"{what}. Stop whatever holds it open (a running guest, a mount) and retry.", native),
            ENOSPC => new InsufficientSpaceException($"{what}. Free space on the target's file system.", native),
            _ => new VirtCryptException(what + ".", native),
        };
    }

    /// <summary>Throws <see cref="ForErrno"/> with the calling thread's last errno.</summary>
    internal static VirtCryptException LastError(string operation, string path) =>
        ForErrno(Marshal.GetLastPInvokeError(), operation, path);
}
