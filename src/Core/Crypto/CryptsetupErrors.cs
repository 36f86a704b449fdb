using VirtCrypt.Errors;

namespace VirtCrypt.Crypto;

/// <summary>What a libcryptsetup call needed, which decides how some error codes read.</summary>
[Flags]
internal enum CryptsetupNeeds
{
    /// <summary>Only the header.</summary>
    Header = 0,

    /// <summary>A passphrase or keyfile: -EPERM means no keyslot accepted it.</summary>
    Key = 1,

    /// <summary>device-mapper: -EOPNOTSUPP means the kernel has none.</summary>
    DeviceMapper = 2,
}

/// <summary>
/// The one table from libcryptsetup's <c>-errno</c> results to VirtCrypt exceptions (LibGit2Sharp's Ensure style).
/// A message says what failed and what to do, followed by libcryptsetup's own last error line.
/// </summary>
internal static class CryptsetupErrors
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EOPNOTSUPP = 95;

    private static readonly Dictionary<int, Meaning> ByErrno = new()
    {
        [EPERM] = new("operation not permitted; run as root", (m, e) => new PermissionDeniedException(m, e)),
        [EACCES] = new("permission denied; run as root", (m, e) => new PermissionDeniedException(m, e)),
        [ENOENT] = new("not found (no such device, file or keyslot)", (m, e) => new ObjectNotFoundException(m, e)),
        [ENODEV] = new("no such device or mapping", (m, e) => new ObjectNotFoundException(m, e)),
        [EBUSY] = new(
            "it is in use; stop what holds it open (a guest, a mount) and try again",
            (m, e) => new ResourceBusyException(m, e)),
        [EEXIST] = new("it already exists", (m, e) => new ObjectAlreadyExistsException(m, e)),
        [ENOSPC] = new("there is not enough space on the device", (m, e) => new InsufficientSpaceException(m, e)),
        [EOPNOTSUPP] = new(
            "not supported by this libcryptsetup or device", (m, e) => new OperationNotSupportedException(m, e)),
    };

    private static readonly Meaning WrongKey =
        new("no keyslot accepts this passphrase or key", (m, e) => new WrongPassphraseException(m, e));

    private static readonly Meaning NoDeviceMapper = new(
        "device-mapper is not available in this kernel (load dm_mod and dm_crypt)",
        (m, e) => new DeviceMapperUnavailableException(m, e));

    /// <summary>Returns a non-negative result (a keyslot number or 0); throws for a negative errno.</summary>
    internal static int Check(int result, CryptsetupCall call, string what, CryptsetupNeeds needs = CryptsetupNeeds.Header) =>
        result >= 0 ? result : throw For(result, call.LastError, what, needs);

    internal static VirtCryptException For(int result, string? libraryMessage, string what, CryptsetupNeeds needs)
    {
        var errno = -result;
        var meaning = errno switch
        {
            EPERM when needs.HasFlag(CryptsetupNeeds.Key) => WrongKey,
            EOPNOTSUPP when needs.HasFlag(CryptsetupNeeds.DeviceMapper) => NoDeviceMapper,
            _ => ByErrno.GetValueOrDefault(errno) ?? new(
                $"libcryptsetup failed with error {result}", (m, e) => new CryptsetupException(m, e)),
        };
        var message = libraryMessage is null
            ? $"{what}: {meaning.Explanation}."
            : $"{what}: {meaning.Explanation}. (libcryptsetup: {libraryMessage.Trim()})";
        return meaning.Create(message, new NativeError(NativeLibraryKind.Cryptsetup, result, libraryMessage));
    }

    private sealed record Meaning(string Explanation, Func<string, NativeError, VirtCryptException> Create);
}
