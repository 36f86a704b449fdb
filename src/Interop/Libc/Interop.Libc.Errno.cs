namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>The errno values the copy engine and the device-mapper calls react to (asm-generic/errno-base.h, errno.h).</summary>
    internal static partial class Libc
    {
        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int EINTR = 4;
        internal const int ENXIO = 6;
        internal const int EAGAIN = 11;
        internal const int EACCES = 13;
        internal const int EBUSY = 16;
        internal const int EEXIST = 17;
        internal const int ENODEV = 19;
        internal const int ENOTDIR = 20;
        internal const int EISDIR = 21;
        internal const int EINVAL = 22;
        internal const int ENOTTY = 25;
        internal const int ENOSPC = 28;
        internal const int EROFS = 30;
        internal const int ELOOP = 40;
        internal const int EOPNOTSUPP = 95;
    }
}
