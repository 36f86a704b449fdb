using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>dm-crypt mappings (<c>/dev/mapper/NAME</c>): these need device-mapper in the kernel.</summary>
public sealed partial class LuksVolume
{
    private const int SectorBytes = 512;

    /// <summary>
    /// Opens the volume as <c>/dev/mapper/<paramref name="name"/></c>. Refuses a name already in use. A wrong key
    /// leaves no mapping behind.
    /// </summary>
    /// <exception cref="InvalidNameException">The name breaks the device-mapper naming rules.</exception>
    /// <exception cref="ObjectAlreadyExistsException">A mapping of that name exists.</exception>
    /// <exception cref="WrongPassphraseException">No keyslot accepts the key.</exception>
    /// <exception cref="DeviceMapperUnavailableException">The kernel has no device-mapper (load dm_mod and dm_crypt).</exception>
    public Task<MappedDevice> OpenAsync(
        string name, LuksKey key, MappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        MapperName.Validate(name);
        ArgumentNullException.ThrowIfNull(key);
        options ??= new MappingOptions();
        var flags = (options.ReadOnly ? CRYPT_ACTIVATE_READONLY : 0) | (options.AllowDiscards ? CRYPT_ACTIVATE_ALLOW_DISCARDS : 0);
        return CryptsetupCall.RunAsync(logger, call =>
        {
            var path = MapperName.PathOf(name);
            var what = $"Cannot open {DevicePath} as {path}";
            if (crypt_status(IntPtr.Zero, name) is CRYPT_ACTIVE or CRYPT_BUSY)
            {
                throw new ObjectAlreadyExistsException($"{what}: that mapping already exists; close it or choose another name.");
            }

            CryptsetupErrors.Check(Activate(context, name, key, flags), call, what, CryptsetupNeeds.Key | CryptsetupNeeds.DeviceMapper);
            CryptsetupLogMessages.Opened(logger, DevicePath, path);
            return Describe(call, name, inUse: false);
        }, cancellationToken);
    }

    /// <summary>
    /// Closes the mapping <c>/dev/mapper/<paramref name="name"/></c>. A mapping still held open (by a guest, a
    /// mount, an open file) is left open and reported as busy.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">No mapping of that name is open.</exception>
    /// <exception cref="ResourceBusyException">The mapping is in use; it stays open.</exception>
    public static Task CloseAsync(string name, ILogger<LuksVolume>? logger = null, CancellationToken cancellationToken = default)
    {
        MapperName.Validate(name);
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        return CryptsetupCall.RunAsync(log, call =>
        {
            var path = MapperName.PathOf(name);
            var what = $"Cannot close {path}";
            if (QueryState(call, name, what) == CRYPT_INACTIVE)
            {
                throw new ObjectNotFoundException($"{what}: no such mapping is open.");
            }

            using var context = ContextOf(call, name, what);
            CryptsetupErrors.Check(crypt_deactivate_by_name(context, name, 0), call, what, CryptsetupNeeds.DeviceMapper);
            CryptsetupLogMessages.Closed(log, name);
            return true;
        }, cancellationToken);
    }

    /// <summary>The open mapping called <paramref name="name"/>, or null when there is none.</summary>
    public static MappedDevice? Status(string name, ILogger<LuksVolume>? logger = null)
    {
        MapperName.Validate(name);
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        return CryptsetupCall.Run((ILogger?)logger ?? NullLogger.Instance, call =>
        {
            var state = QueryState(call, name, $"Cannot query {MapperName.PathOf(name)}");
            return state == CRYPT_INACTIVE ? null : Describe(call, name, inUse: state == CRYPT_BUSY);
        });
    }

    /// <summary>CRYPT_INACTIVE, CRYPT_ACTIVE or CRYPT_BUSY; CRYPT_INVALID means device-mapper could not be asked.</summary>
    private static int QueryState(CryptsetupCall call, string name, string what)
    {
        var state = crypt_status(IntPtr.Zero, name);
        return state == CRYPT_INVALID
            ? throw CryptsetupErrors.For(-CryptsetupErrors.EOPNOTSUPP, call.LastError, what, CryptsetupNeeds.DeviceMapper)
            : state;
    }

    private static MappedDevice Describe(CryptsetupCall call, string name, bool inUse)
    {
        var what = $"Cannot query {MapperName.PathOf(name)}";
        using var context = ContextOf(call, name, what);
        CryptsetupErrors.Check(crypt_get_active_device(context, name, out var active), call, what, CryptsetupNeeds.DeviceMapper);
        return new MappedDevice(
            name,
            MapperName.PathOf(name),
            (long)active.size * SectorBytes,
            StringAt(crypt_get_device_name(context)),
            (active.flags & CRYPT_ACTIVATE_READONLY) != 0,
            (active.flags & CRYPT_ACTIVATE_ALLOW_DISCARDS) != 0,
            inUse);
    }

    private static SafeCryptDeviceHandle ContextOf(CryptsetupCall call, string name, string what)
    {
        var result = crypt_init_by_name(out var context, name);
        if (result < 0)
        {
            context.Dispose();
            throw CryptsetupErrors.For(result, call.LastError, what, CryptsetupNeeds.DeviceMapper);
        }

        return context;
    }
}
