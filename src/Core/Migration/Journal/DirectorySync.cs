using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.Migration.Journal;

/// <summary>fsync on a directory, which makes a rename inside it durable (.NET has no API for it).</summary>
internal static class DirectorySync
{
    internal static void Flush(string directory)
    {
        using var fd = new SafeFileDescriptorHandle(open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0));
        if (fd.IsInvalid || fsync(fd) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new VirtCryptException(
                $"Could not make the changes in directory {directory} durable (fsync failed: {Marshal.GetPInvokeErrorMessage(errno)}).",
                new NativeError(NativeLibraryKind.Libc, errno));
        }
    }
}
