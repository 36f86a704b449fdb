using VirtCrypt.Errors;
using static VirtCrypt.Interop.Interop.Libc;

namespace VirtCrypt.DeviceMapper;

/// <summary>
/// From a failed libdevmapper task (its ioctl's errno, 0 when it never reached the kernel) to a VirtCrypt exception.
/// The message says what failed and what to do, followed by libdevmapper's own last error line.
/// </summary>
internal static class DmErrors
{
    internal static VirtCryptException For(int errno, string? libraryMessage, string what)
    {
        var meaning = errno switch
        {
            0 when !Environment.IsPrivilegedProcess => new Meaning(
                "device-mapper needs root; run as root", (m, e) => new PermissionDeniedException(m, e)),
            0 => new Meaning(
                "device-mapper is not available in this kernel (load dm_mod and dm_crypt)", (m, e) => new DeviceMapperUnavailableException(m, e)),
            EPERM or EACCES => new Meaning("permission denied; run as root", (m, e) => new PermissionDeniedException(m, e)),
            EBUSY => new Meaning(
                "it is in use; stop what holds it open (a guest, a mount) and try again", (m, e) => new ResourceBusyException(m, e)),
            ENXIO or ENODEV => new Meaning("no such device-mapper device", (m, e) => new ObjectNotFoundException(m, e)),
            _ => new Meaning($"libdevmapper failed with errno {errno}", (m, e) => new VirtCryptException(m, e)),
        };
        var message = libraryMessage is null
            ? $"{what}: {meaning.Explanation}."
            : $"{what}: {meaning.Explanation}. (libdevmapper: {libraryMessage.Trim()})";
        return meaning.Create(message, new NativeError(NativeLibraryKind.Devmapper, errno, libraryMessage));
    }

    private sealed record Meaning(string Explanation, Func<string, NativeError, VirtCryptException> Create);
}
