using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.DeviceMapper;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Crypto;

/// <summary>dm-crypt mappings (<c>/dev/mapper/NAME</c>): these need device-mapper in the kernel.</summary>
public sealed partial class LuksVolume
{
    /// <summary>
    /// Opens the volume as <c>/dev/mapper/<paramref name="name"/></c>. Refuses a name already in use. A wrong key
    /// leaves no mapping behind.
    /// </summary>
    /// <exception cref="InvalidNameException">The name breaks the device-mapper naming rules.</exception>
    /// <exception cref="ObjectAlreadyExistsException">A mapping of that name exists.</exception>
    /// <exception cref="WrongPassphraseException">No keyslot accepts the key.</exception>
    /// <exception cref="DeviceMapperUnavailableException">The kernel has no device-mapper (load dm_mod and dm_crypt).</exception>
    internal Task<MappedDevice> OpenAsync(
        string name, LuksKey key, MappingOptions? options = null, CancellationToken cancellationToken = default)
    {
        MapperName.Validate(name);
        ArgumentNullException.ThrowIfNull(key);
        options ??= new MappingOptions();
        return CryptsetupCall.RunAsync(logger, call =>
        {
            var path = MapperName.PathOf(name);
            var what = $"Cannot open {DevicePath} as {path}";
            if (CryptsetupProxy.Status(name) is MappingStatus.Active or MappingStatus.Busy)
            {
                throw new ObjectAlreadyExistsException($"{what}: that mapping already exists; close it or choose another name.");
            }

            CryptsetupProxy.Activate(call, context, name, key, options, what);
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
    /// <exception cref="UnusableMappingException">The device of that name is no usable dm-crypt mapping; it stays.</exception>
    public static Task CloseAsync(string name, ILogger<LuksVolume>? logger = null, CancellationToken cancellationToken = default)
    {
        MapperName.Validate(name);
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        return CryptsetupCall.RunAsync(log, call =>
        {
            var path = MapperName.PathOf(name);
            var what = $"Cannot close {path}";
            if (FindMapping(call, name, what) is null)
            {
                throw new ObjectNotFoundException($"{what}: no such mapping is open.");
            }

            using var context = ContextOf(call, name, what);
            CryptsetupProxy.Deactivate(call, context, name, what);
            CryptsetupLogMessages.Closed(log, name);
            return true;
        }, cancellationToken);
    }

    /// <summary>The open mapping called <paramref name="name"/>, or null when there is none.</summary>
    /// <exception cref="UnusableMappingException">
    /// A device-mapper device of that name exists but is no usable dm-crypt mapping: it has no table (an interrupted
    /// activation), is suspended, or is of another kind. It is left as it is.
    /// </exception>
    /// <exception cref="DeviceMapperUnavailableException">The kernel has no device-mapper (load dm_mod and dm_crypt).</exception>
    internal static MappedDevice? Status(string name, ILogger<LuksVolume>? logger = null)
    {
        MapperName.Validate(name);
        NativeLibraries.Require(NativeLibraryInfo.Cryptsetup);
        return CryptsetupCall.Run((ILogger?)logger ?? NullLogger.Instance, call =>
            FindMapping(call, name, $"Cannot query {MapperName.PathOf(name)}") is { } device ? Describe(call, name, device.OpenCount > 0) : null);
    }

    /// <summary>
    /// The device-mapper device of the mapping <paramref name="name"/>, null when there is none; throws when it exists
    /// but is no usable dm-crypt mapping. device-mapper answers whether it exists and its state; libcryptsetup then
    /// judges its table (crypt_status says CRYPT_INVALID for a table it does not handle, as it does for no table).
    /// </summary>
    private static DmDevice? FindMapping(CryptsetupCall call, string name, string what)
    {
        var device = DmDevices.Find(call, name, what);
        if (device is null)
        {
            return null;
        }

        var defect = device.Defect;
        if (defect is null)
        {
            switch (CryptsetupProxy.Status(name))
            {
                case MappingStatus.Inactive:
                    return null;
                case MappingStatus.Invalid:
                    defect = MappingDefect.NotDmCrypt;
                    break;
            }
        }

        return defect is { } found ? throw UnusableMappings.For(device, found, what) : device;
    }

    private static MappedDevice Describe(CryptsetupCall call, string name, bool inUse)
    {
        var what = $"Cannot query {MapperName.PathOf(name)}";
        using var context = ContextOf(call, name, what);
        return CryptsetupProxy.DescribeMapping(call, context, name, inUse, what);
    }

    private static SafeCryptDeviceHandle ContextOf(CryptsetupCall call, string name, string what) =>
        CryptsetupProxy.InitByName(call, name, what);
}
