using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

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
        Name = LibvirtProxy.DomainName(handle);
        Uuid = LibvirtProxy.DomainUuid(handle, Name);
    }

    /// <summary>The domain's name.</summary>
    public string Name { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid Uuid { get; }

    /// <summary>The domain's current state.</summary>
    public DomainState State => LibvirtProxy.State(handle, Name);

    /// <summary>True while the domain runs (also when paused).</summary>
    public bool IsActive => LibvirtProxy.IsActive(handle, Name);

    /// <summary>True when the domain has a persistent definition; false for a transient one.</summary>
    public bool IsPersistent => LibvirtProxy.IsPersistent(handle, Name);

    /// <summary>Whether libvirt starts the domain when the host boots.</summary>
    public bool Autostart
    {
        get => LibvirtProxy.Autostart(handle, Name);
        set => LibvirtProxy.SetAutostart(handle, Name, value);
    }

    /// <summary>The disks of the current definition (the live one while running).</summary>
    internal IReadOnlyList<DiskDefinition> Disks => GetDefinition().Disks;

    /// <summary>The network interfaces of the current definition.</summary>
    internal IReadOnlyList<InterfaceDefinition> Interfaces => GetDefinition().Interfaces;

    /// <summary>Reads the domain's state, memory and CPU figures.</summary>
    internal DomainInfo GetInfo() => LibvirtProxy.Info(handle, Name);

    /// <summary>The domain's XML.</summary>
    /// <param name="secure">Include secrets such as VNC passwords (needs a read-write connection).</param>
    /// <param name="inactive">The persistent definition used at next start rather than the live one.</param>
    public string GetXml(bool secure = false, bool inactive = false) => LibvirtProxy.Xml(handle, Name, secure, inactive);

    /// <summary>The domain's XML as a typed, editable <see cref="DomainDefinition"/>.</summary>
    /// <param name="secure">Include secrets such as VNC passwords (needs a read-write connection).</param>
    /// <param name="inactive">The persistent definition used at next start rather than the live one.</param>
    public DomainDefinition GetDefinition(bool secure = false, bool inactive = false) => DomainDefinition.Parse(GetXml(secure, inactive));

    /// <summary>Starts the domain.</summary>
    /// <exception cref="InvalidOperationStateException">It is already running.</exception>
    public void Start()
    {
        LibvirtProxy.Start(handle, Name);
        LibvirtLog.DomainAction(logger, "Started", Name);
    }

    /// <summary>Powers the domain off at once, like pulling the plug.</summary>
    /// <exception cref="InvalidOperationStateException">It is not running.</exception>
    public void Destroy()
    {
        LibvirtProxy.Destroy(handle, Name);
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

        LibvirtProxy.Shutdown(handle, Name);
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
        LibvirtProxy.Undefine(handle, Name, hasNvram: GetDefinition(inactive: true).NvramPath is not null, nvram);

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

        return LibvirtProxy.DiskCapacity(handle, Name, target);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();
}
