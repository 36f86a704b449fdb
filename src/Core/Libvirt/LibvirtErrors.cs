using System.Runtime.InteropServices;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>
/// The one table from libvirt's error codes to VirtCrypt's exceptions, and the checks every libvirt call goes
/// through. Each check copies the thread's last error immediately, before any other libvirt call can replace it.
/// </summary>
internal static class LibvirtErrors
{
    private delegate VirtCryptException Factory(string message, NativeError error);

    private static readonly Dictionary<int, (Factory Create, string Advice)> Table = new()
    {
        [VIR_ERR_NO_DOMAIN] = ((m, e) => new ObjectNotFoundException(m, e), "Check the domain's name or UUID."),
        [VIR_ERR_NO_STORAGE_VOL] = ((m, e) => new ObjectNotFoundException(m, e), "Check the volume's name."),
        [VIR_ERR_DOM_EXIST] = ((m, e) => new ObjectAlreadyExistsException(m, e), "Choose another name or UUID."),
        [VIR_ERR_OPERATION_INVALID] = ((m, e) => new InvalidOperationStateException(m, e), "Check the domain's state first."),
        [VIR_ERR_RESOURCE_BUSY] = ((m, e) => new ResourceBusyException(m, e), "Wait until it is no longer in use."),
        [VIR_ERR_NO_SUPPORT] = ((m, e) => new OperationNotSupportedException(m, e), "This hypervisor driver does not offer it."),
        [VIR_ERR_OPERATION_UNSUPPORTED] = ((m, e) => new OperationNotSupportedException(m, e), "This hypervisor does not offer it."),
        [VIR_ERR_CONFIG_UNSUPPORTED] = ((m, e) => new OperationNotSupportedException(m, e), "Change the domain definition."),
        [VIR_ERR_AUTH_FAILED] = ((m, e) => new PermissionDeniedException(m, e), "Run as root or as a member of the libvirt group."),
        [VIR_ERR_AUTH_CANCELLED] = ((m, e) => new PermissionDeniedException(m, e), "Run as root or as a member of the libvirt group."),
        [VIR_ERR_AUTH_UNAVAILABLE] = ((m, e) => new PermissionDeniedException(m, e), "Run as root or as a member of the libvirt group."),
        [VIR_ERR_ACCESS_DENIED] = ((m, e) => new PermissionDeniedException(m, e), "Run as root or as a member of the libvirt group."),
        [VIR_ERR_OPERATION_DENIED] = ((m, e) => new PermissionDeniedException(m, e), "Open a read-write connection."),
        [VIR_ERR_NO_CONNECT] = ((m, e) => new ConnectionLostException(m, e), "Check that libvirtd is running and the URI is right."),
        [VIR_ERR_INVALID_CONN] = ((m, e) => new ConnectionLostException(m, e), "Reconnect."),
        [VIR_ERR_RPC] = ((m, e) => new ConnectionLostException(m, e), "Check that libvirtd is running, then reconnect."),
    };

    /// <summary>Throws the mapped exception for the thread's last error when <paramref name="result"/> is negative.</summary>
    internal static int Check(int result, string action) =>
        result < 0 ? throw ToException(LibvirtLastError.Take(), action) : result;

    /// <summary>Throws the mapped exception for the thread's last error when <paramref name="handle"/> is null.</summary>
    internal static T Check<T>(T handle, string action)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtLastError.Take();
        handle.Dispose();
        throw ToException(error, action);
    }

    /// <summary>Throws the mapped exception for the thread's last error when a string-returning call gave null.</summary>
    internal static string Check(string? value, string action) =>
        value ?? throw ToException(LibvirtLastError.Take(), action);

    internal static VirtCryptException ToException(LibvirtLastError error, string action)
    {
        var native = new NativeError(NativeLibraryKind.Libvirt, error.Code, error.Message, error.Domain);
        var reason = error.Message ?? "libvirt gave no reason";
        if (error.Code == VIR_ERR_SYSTEM_ERROR && error.Domain is VIR_FROM_RPC or VIR_FROM_REMOTE)
        {
            return new ConnectionLostException(
                $"Could not {action}: {reason}. Check that libvirtd is running, then reconnect.", native);
        }

        return Table.TryGetValue(error.Code, out var entry)
            ? entry.Create($"Could not {action}: {reason}. {entry.Advice}", native)
            : new LibvirtException($"Could not {action}: {reason}.", native);
    }
}
