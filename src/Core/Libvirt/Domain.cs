using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>One libvirt domain (guest) on a <see cref="Hypervisor"/> connection. Dispose it to release the reference.</summary>
public sealed partial class Domain : IDisposable
{
    private static readonly TimeSpan ShutdownPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly SafeDomainHandle handle;
    private readonly ILogger logger;

    internal Domain(SafeDomainHandle handle, ILogger logger)
    {
        this.handle = handle;
        this.logger = logger;
        var name = virDomainGetName(handle);
        Name = name != IntPtr.Zero
            ? Marshal.PtrToStringUTF8(name)!
            : throw LibvirtErrors.ToException(LibvirtLastError.Take(), "read a domain's name");
        Span<byte> uuid = stackalloc byte[VIR_UUID_STRING_BUFLEN];
        LibvirtErrors.Check(virDomainGetUUIDString(handle, uuid), $"read the UUID of domain '{Name}'");
        Uuid = Guid.Parse(Encoding.ASCII.GetString(uuid[..^1]));
    }

    /// <summary>The domain's name.</summary>
    public string Name { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid Uuid { get; }

    /// <summary>The domain's current state.</summary>
    public DomainState State
    {
        get
        {
            LibvirtErrors.Check(virDomainGetState(handle, out var state, out _, 0), $"read the state of domain '{Name}'");
            return (DomainState)state;
        }
    }

    /// <summary>True while the domain runs (also when paused).</summary>
    public bool IsActive => LibvirtErrors.Check(virDomainIsActive(handle), $"ask whether domain '{Name}' runs") == 1;

    /// <summary>True when the domain has a persistent definition; false for a transient one.</summary>
    public bool IsPersistent => LibvirtErrors.Check(virDomainIsPersistent(handle), $"ask whether domain '{Name}' is persistent") == 1;

    /// <summary>Whether libvirt starts the domain when the host boots.</summary>
    public bool Autostart
    {
        get
        {
            LibvirtErrors.Check(virDomainGetAutostart(handle, out var autostart), $"read the autostart flag of domain '{Name}'");
            return autostart != 0;
        }

        set => LibvirtErrors.Check(virDomainSetAutostart(handle, value ? 1 : 0), $"set the autostart flag of domain '{Name}'");
    }

    /// <summary>The disks of the current definition (the live one while running).</summary>
    internal IReadOnlyList<DiskDefinition> Disks => GetDefinition().Disks;

    /// <summary>The network interfaces of the current definition.</summary>
    internal IReadOnlyList<InterfaceDefinition> Interfaces => GetDefinition().Interfaces;

    /// <summary>Reads the domain's state, memory and CPU figures.</summary>
    internal DomainInfo GetInfo()
    {
        LibvirtErrors.Check(virDomainGetInfo(handle, out var info), $"read the state of domain '{Name}'");
        return new DomainInfo(
            (DomainState)info.state, info.maxMem.Value, info.memory.Value, info.nrVirtCpu, TimeSpan.FromTicks((long)(info.cpuTime / 100)));
    }

    /// <summary>The domain's XML.</summary>
    /// <param name="secure">Include secrets such as VNC passwords (needs a read-write connection).</param>
    /// <param name="inactive">The persistent definition used at next start rather than the live one.</param>
    public string GetXml(bool secure = false, bool inactive = false) =>
        LibvirtErrors.Check(
            virDomainGetXMLDesc(handle, (secure ? VIR_DOMAIN_XML_SECURE : 0) | (inactive ? VIR_DOMAIN_XML_INACTIVE : 0)),
            $"read the XML of domain '{Name}'");

    /// <summary>The domain's XML as a typed, editable <see cref="DomainDefinition"/>.</summary>
    /// <param name="secure">Include secrets such as VNC passwords (needs a read-write connection).</param>
    /// <param name="inactive">The persistent definition used at next start rather than the live one.</param>
    public DomainDefinition GetDefinition(bool secure = false, bool inactive = false) => DomainDefinition.Parse(GetXml(secure, inactive));

    /// <summary>Starts the domain.</summary>
    /// <exception cref="InvalidOperationStateException">It is already running.</exception>
    public void Start()
    {
        LibvirtErrors.Check(virDomainCreate(handle), $"start domain '{Name}'");
        LibvirtLog.DomainAction(logger, "Started", Name);
    }

    /// <summary>Powers the domain off at once, like pulling the plug.</summary>
    /// <exception cref="InvalidOperationStateException">It is not running.</exception>
    public void Destroy()
    {
        LibvirtErrors.Check(virDomainDestroy(handle), $"destroy (power off) domain '{Name}'");
        LibvirtLog.DomainAction(logger, "Destroyed", Name);
    }

    /// <summary>
    /// Asks the guest to shut down (ACPI or agent, as the hypervisor chooses) and waits for it up to
    /// <paramref name="timeout"/>. Then, if <paramref name="destroyOnTimeout"/>, powers it off.
    /// </summary>
    internal async Task<ShutdownOutcome> ShutdownAsync(
        TimeSpan timeout, bool destroyOnTimeout = false, CancellationToken cancellationToken = default)
    {
        if (!IsActive)
        {
            return ShutdownOutcome.AlreadyOff;
        }

        LibvirtErrors.Check(virDomainShutdownFlags(handle, VIR_DOMAIN_SHUTDOWN_DEFAULT), $"shut down domain '{Name}'");
        var clock = Stopwatch.StartNew();
        while (IsActive)
        {
            if (clock.Elapsed >= timeout)
            {
                LibvirtLog.ShutdownTimedOut(logger, Name, timeout, destroyOnTimeout);
                if (!destroyOnTimeout)
                {
                    return ShutdownOutcome.StillRunning;
                }

                Destroy();
                return ShutdownOutcome.Destroyed;
            }

            await Task.Delay(ShutdownPollInterval, cancellationToken).ConfigureAwait(false);
        }

        LibvirtLog.DomainAction(logger, "Shut down", Name);
        return ShutdownOutcome.ShutDown;
    }

    /// <summary>
    /// Removes the persistent definition (a running domain becomes transient and goes away when it stops); a UEFI
    /// variable store is kept.
    /// </summary>
    public void Undefine() => Undefine(NvramHandling.Keep);

    /// <summary>Removes the persistent definition (a running domain becomes transient and goes away when it stops).</summary>
    /// <param name="nvram">Keep or delete the UEFI variable store, when the domain has one.</param>
    internal void Undefine(NvramHandling nvram = NvramHandling.Keep)
    {
        var hasNvram = GetDefinition(inactive: true).NvramPath is not null;
        var flags = !hasNvram ? 0 : nvram == NvramHandling.Remove ? VIR_DOMAIN_UNDEFINE_NVRAM : VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
        if (virDomainUndefineFlags(handle, flags) < 0)
        {
            var error = LibvirtLastError.Take();
            if (flags != VIR_DOMAIN_UNDEFINE_KEEP_NVRAM || error.Code != VIR_ERR_INVALID_ARG)
            {
                throw LibvirtErrors.ToException(error, $"undefine domain '{Name}'");
            }

            // A driver that manages no NVRAM files (test://) rejects the flag, and keeps the file anyway.
            LibvirtErrors.Check(virDomainUndefineFlags(handle, 0), $"undefine domain '{Name}'");
        }

        LibvirtLog.DomainAction(logger, "Undefined", Name);
    }

    /// <summary>
    /// The size the guest sees of the disk with target <paramref name="target"/>, in bytes. A raw disk of a stopped
    /// domain is measured on the host (file length or block device size); otherwise libvirt is asked
    /// (<c>virDomainGetBlockInfo</c>), which also reads image headers such as qcow2's.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The domain has no such disk.</exception>
    public long GetDiskCapacity(string target)
    {
        var disk = Disks.FirstOrDefault(d => d.Target == target)
            ?? throw new ObjectNotFoundException($"Domain '{Name}' has no disk with target '{target}'.");
        if (!IsActive && disk.Format is null or "raw" && disk.SourcePath is { } path && disk.SourceType is "file" or "block")
        {
            if (!File.Exists(path))
            {
                throw new ObjectNotFoundException($"Disk '{target}' of domain '{Name}' points at '{path}', which does not exist.");
            }

            if (HostDiskSize.TryOf(path, out var size))
            {
                return size;
            }
        }

        LibvirtErrors.Check(virDomainGetBlockInfo(handle, target, out var info, 0), $"read the size of disk '{target}' of domain '{Name}'");
        return checked((long)info.capacity);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();
}
