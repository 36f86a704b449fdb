using System.Runtime.InteropServices;
using VirtCrypt.Crypto;
using VirtCrypt.Diagnostics;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Devmapper;

namespace VirtCrypt.DeviceMapper;

/// <summary>
/// The device-mapper calls VirtCrypt makes itself, through libdevmapper: look a device up by name, remove one by its
/// UUID. They run inside a <see cref="CryptsetupCall"/>, because libcryptsetup shares libdevmapper's global state; and
/// they hold a libcryptsetup context meanwhile, because while one exists libcryptsetup has installed its log function
/// in libdevmapper: libdevmapper's error lines then reach the call's log (and the exception that follows), not stderr.
/// </summary>
internal static class DmDevices
{
    /// <summary>The device called <paramref name="name"/>, or null when there is none.</summary>
    /// <exception cref="Errors.DeviceMapperUnavailableException">The kernel has no device-mapper.</exception>
    internal static DmDevice? Find(CryptsetupCall call, string name, string what) => WithLogRouted(call, () =>
    {
        using var task = NewTask(DM_DEVICE_INFO, call, what);
        Ensure(dm_task_set_name(task, name), task, call, what);
        Ensure(dm_task_run(task), task, call, what);
        Ensure(dm_task_get_info(task, out var info), task, call, what);
        return info.exists == 0
            ? null
            : new DmDevice(name, Marshal.PtrToStringUTF8(dm_task_get_uuid(task)) ?? "", info.live_table != 0, info.suspended != 0, info.open_count);
    });

    /// <summary>
    /// Removes <paramref name="device"/>, found by its UUID (never by its name, which another device could have taken
    /// since it was looked up), and its /dev/mapper node.
    /// </summary>
    /// <exception cref="Errors.ResourceBusyException">Something holds it open; it stays.</exception>
    internal static void Remove(CryptsetupCall call, DmDevice device, string what)
    {
        if (device.Uuid.Length == 0)
        {
            throw new ArgumentException($"{device.Name} has no UUID to remove it by.", nameof(device));
        }

        WithLogRouted(call, () =>
        {
            var udev = dm_udev_get_sync_support() != 0;
            RunRemoval(call, device, udev, what);
            if (!udev)
            {
                // Without udev the node is ours to remove, and a removal by UUID does not know the name. The device
                // is gone whatever this answers; a node left behind is only a stale name.
                _ = dm_mknodes(device.Name);
                dm_task_update_nodes();
            }

            return true;
        });
    }

    private static void RunRemoval(CryptsetupCall call, DmDevice device, bool udev, string what)
    {
        using var task = NewTask(DM_DEVICE_REMOVE, call, what);
        Ensure(dm_task_set_uuid(task, device.Uuid), task, call, what);
        Ensure(dm_task_retry_remove(task), task, call, what);
        uint cookie = 0;
        if (udev)
        {
            Ensure(dm_task_set_cookie(task, ref cookie, DM_UDEV_DISABLE_LIBRARY_FALLBACK), task, call, what);
        }

        var removed = dm_task_run(task);
        if (udev)
        {
            // As libcryptsetup does: a failed wait (a semaphore problem) does not undo the removal.
            _ = dm_udev_wait(cookie);
        }

        Ensure(removed, task, call, what);
    }

    private static T WithLogRouted<T>(CryptsetupCall call, Func<T> work)
    {
        NativeLibraries.Require(NativeLibraryInfo.Devmapper);
        using var context = CryptsetupProxy.Init(call, null, "libcryptsetup could not allocate a context");
        return work();
    }

    /// <summary>
    /// A new task. libdevmapper checks the driver's version before it creates the first task of the process, so a
    /// failure here means, like an ioctl that never ran, that the driver could not be reached (or memory ran out,
    /// which its logged line then says).
    /// </summary>
    private static SafeDmTaskHandle NewTask(int type, CryptsetupCall call, string what)
    {
        var task = dm_task_create(type);
        if (task.IsInvalid)
        {
            task.Dispose();
            throw DmErrors.For(0, call.LastError, what);
        }

        return task;
    }

    private static void Ensure(int result, SafeDmTaskHandle task, CryptsetupCall call, string what)
    {
        if (result == 0)
        {
            throw DmErrors.For(dm_task_get_errno(task), call.LastError, what);
        }
    }
}
