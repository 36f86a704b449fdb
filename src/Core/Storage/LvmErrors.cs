using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>
/// Turns a failed LVM command into a typed exception, in one table (LibGit2Sharp's Ensure style). liblvm2cmd
/// returns only a coarse code (5 = processing failed), so the kind of failure comes from LVM's own error lines.
/// The checks we make before a change produce better messages; this table covers what only LVM can see.
/// </summary>
internal static class LvmErrors
{
    private static readonly (string Fragment, Func<string, NativeError, VirtCryptException> Create)[] Table =
    [
        ("device-mapper", (m, e) => new DeviceMapperUnavailableException(m + " Load the dm_mod kernel module.", e)),
        ("Permission denied", (m, e) => new PermissionDeniedException(m + " LVM needs root.", e)),
        ("not found", (m, e) => new ObjectNotFoundException(m, e)),
        ("Failed to find", (m, e) => new ObjectNotFoundException(m, e)),
        ("already exists", (m, e) => new ObjectAlreadyExistsException(m, e)),
        ("already in volume group", (m, e) => new ResourceBusyException(m, e)),
        ("in use", (m, e) => new ResourceBusyException(m + " Close what holds it open first.", e)),
        ("insufficient free space", (m, e) => new InsufficientSpaceException(m, e)),
        ("Insufficient free space", (m, e) => new InsufficientSpaceException(m, e)),
        ("signature detected", (m, e) => new DeviceNotEmptyException(m + " The device already holds data; it was left as it was.", e)),
        ("Aborted wiping", (m, e) => new DeviceNotEmptyException(m + " The device already holds data; it was left as it was.", e)),
    ];

    /// <summary>Throws the exception that fits a failed command; does nothing when it succeeded.</summary>
    /// <param name="output">The command's output.</param>
    /// <param name="operation">What was being done, for the message: "Creating logical volume vg0/data".</param>
    internal static void Ensure(LvmOutput output, string operation)
    {
        if (!output.Succeeded)
        {
            throw ToException(output, operation);
        }
    }

    internal static VirtCryptException ToException(LvmOutput output, string operation)
    {
        var complaints = output.Complaints.ToList();
        var said = complaints.Count > 0 ? string.Join(" ", complaints) : "LVM gave no reason";
        var message = $"{operation} failed: {said} (lvm {output.CommandLine}, return code {output.ReturnCode}).";
        var nativeError = new NativeError(NativeLibraryKind.Lvm, output.ReturnCode, string.Join("\n", complaints));
        foreach (var (fragment, create) in Table)
        {
            if (complaints.Any(c => c.Contains(fragment, StringComparison.Ordinal)))
            {
                return create(message, nativeError);
            }
        }

        return new LvmException(message, nativeError);
    }
}
