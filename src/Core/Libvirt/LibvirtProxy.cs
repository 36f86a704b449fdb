using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>
/// Every libvirt call VirtCrypt makes, each checked: a failure becomes the exception <see cref="LibvirtErrors"/> maps
/// the thread's last error to, with the message naming the object. <see cref="Hypervisor"/> and <see cref="Domain"/>
/// call only this (LibGit2Sharp's Proxy); a test holds every other Core type away from the imports.
/// </summary>
/// <remarks>
/// The proxies live in Core, not in Interop, because checking a call means choosing one of Core's exception types
/// and writing a message about Core's objects, and Interop is the layer below Core: it cannot name them. So the
/// imports stay <c>internal</c> to Interop, and "only the proxy calls them" is enforced by reflection over Core's IL
/// (NativeCallSiteTests) instead of by <c>private</c>.
/// </remarks>
internal static class LibvirtProxy
{
    /// <summary>The process-wide set-up: errors silenced (they become exceptions), the default event loop registered.</summary>
    internal static void Initialize()
    {
        LibvirtErrorSilencer.Install();
        LibvirtErrors.Check(virInitialize(), "initialize libvirt");
        LibvirtErrors.Check(virEventRegisterDefaultImpl(), "register libvirt's default event loop");
    }

    /// <summary>Runs one iteration of the default event loop; false (the error dropped) when its poll() failed.</summary>
    internal static bool RunEventLoopOnce()
    {
        if (virEventRunDefaultImpl() >= 0)
        {
            return true;
        }

        _ = LibvirtLastError.Take();
        return false;
    }

    /// <summary>The library's own version (no connection needed).</summary>
    internal static nuint LibraryVersion() =>
        virGetVersion(out var version, null, out _) >= 0
            ? version.Value
            : throw new Errors.VirtCryptException("libvirt did not report its version (virGetVersion failed).");

    internal static SafeConnectHandle Open(string uri, bool readOnly) =>
        LibvirtErrors.Check(virConnectOpenAuth(uri, IntPtr.Zero, readOnly ? VIR_CONNECT_RO : 0), $"connect to libvirt at '{uri}'");

    internal static string Uri(SafeConnectHandle connection) =>
        LibvirtErrors.Check(virConnectGetURI(connection), "read the connection's URI");

    /// <summary>Turns keepalive on; false with libvirt's reason when the driver has none.</summary>
    internal static bool TrySetKeepAlive(SafeConnectHandle connection, int intervalSeconds, uint count, out string reason)
    {
        reason = "";
        if (virConnectSetKeepAlive(connection, intervalSeconds, count) >= 0)
        {
            return true;
        }

        reason = LibvirtLastError.Take().Message ?? "";
        return false;
    }

    internal static int SubscribeLifecycle(SafeConnectHandle connection, string uri, Action<LibvirtLifecycleEvent> sink) =>
        LibvirtErrors.Check(LibvirtLifecycleCallback.Register(connection, sink), $"subscribe to domain events on '{uri}'");

    internal static int SubscribeBlockJobs(SafeConnectHandle connection, string uri, Action<LibvirtBlockJobEvent> sink) =>
        LibvirtErrors.Check(LibvirtBlockJobCallback.Register(connection, sink), $"subscribe to block job events on '{uri}'");

    /// <summary>Ends a subscription; a failure is dropped (the connection is closing anyway).</summary>
    internal static void Unsubscribe(SafeConnectHandle connection, int callbackId)
    {
        if (virConnectDomainEventDeregisterAny(connection, callbackId) < 0)
        {
            _ = LibvirtLastError.Take();
        }
    }

    internal static nuint ConnectionLibraryVersion(SafeConnectHandle connection, string uri)
    {
        LibvirtErrors.Check(virConnectGetLibVersion(connection, out var version), $"read libvirt's version on '{uri}'");
        return version.Value;
    }

    internal static nuint HypervisorVersion(SafeConnectHandle connection, string uri)
    {
        LibvirtErrors.Check(virConnectGetVersion(connection, out var version), $"read the hypervisor's version on '{uri}'");
        return version.Value;
    }

    internal static SafeDomainHandle[] ListDomains(SafeConnectHandle connection, string uri) =>
        LibvirtDomainList.ListAll(connection, 0)
            ?? throw LibvirtErrors.ToException(LibvirtLastError.Take(), $"list the domains on '{uri}'");

    internal static SafeDomainHandle LookupDomain(SafeConnectHandle connection, string uri, string name) =>
        LibvirtErrors.Check(virDomainLookupByName(connection, name), $"find domain '{name}' on '{uri}'");

    internal static SafeDomainHandle LookupDomain(SafeConnectHandle connection, string uri, Guid uuid) =>
        LibvirtErrors.Check(virDomainLookupByUUIDString(connection, uuid.ToString("D")), $"find domain {uuid} on '{uri}'");

    /// <summary>The domain's handle, or null when libvirt has no such domain (the lookup's error is consumed).</summary>
    internal static SafeDomainHandle? FindDomain(SafeConnectHandle connection, string uri, string name) =>
        Found(virDomainLookupByName(connection, name), $"find domain '{name}' on '{uri}'");

    /// <inheritdoc cref="FindDomain(SafeConnectHandle, string, string)"/>
    internal static SafeDomainHandle? FindDomain(SafeConnectHandle connection, string uri, Guid uuid) =>
        Found(virDomainLookupByUUIDString(connection, uuid.ToString("D")), $"find domain {uuid} on '{uri}'");

    internal static SafeDomainHandle Define(SafeConnectHandle connection, string xml, string name) =>
        LibvirtErrors.Check(virDomainDefineXMLFlags(connection, xml, 0), $"define domain '{name}'");

    internal static string DomainName(SafeDomainHandle domain)
    {
        var name = virDomainGetName(domain);
        return name != IntPtr.Zero
            ? Marshal.PtrToStringUTF8(name)!
            : throw LibvirtErrors.ToException(LibvirtLastError.Take(), "read a domain's name");
    }

    internal static Guid DomainUuid(SafeDomainHandle domain, string name)
    {
        Span<byte> uuid = stackalloc byte[VIR_UUID_STRING_BUFLEN];
        LibvirtErrors.Check(virDomainGetUUIDString(domain, uuid), $"read the UUID of domain '{name}'");
        return Guid.Parse(Encoding.ASCII.GetString(uuid[..^1]));
    }

    internal static DomainState State(SafeDomainHandle domain, string name)
    {
        LibvirtErrors.Check(virDomainGetState(domain, out var state, out _, 0), $"read the state of domain '{name}'");
        return (DomainState)state;
    }

    /// <summary>The running domain's id; null when it is shut off.</summary>
    internal static int? Id(SafeDomainHandle domain) => virDomainGetID(domain) is var id && id >= 0 ? id : null;

    internal static bool IsActive(SafeDomainHandle domain, string name) =>
        LibvirtErrors.Check(virDomainIsActive(domain), $"ask whether domain '{name}' runs") == 1;

    internal static bool IsPersistent(SafeDomainHandle domain, string name) =>
        LibvirtErrors.Check(virDomainIsPersistent(domain), $"ask whether domain '{name}' is persistent") == 1;

    internal static bool Autostart(SafeDomainHandle domain, string name)
    {
        LibvirtErrors.Check(virDomainGetAutostart(domain, out var autostart), $"read the autostart flag of domain '{name}'");
        return autostart != 0;
    }

    internal static void SetAutostart(SafeDomainHandle domain, string name, bool value) =>
        LibvirtErrors.Check(virDomainSetAutostart(domain, value ? 1 : 0), $"set the autostart flag of domain '{name}'");

    internal static DomainInfo Info(SafeDomainHandle domain, string name)
    {
        LibvirtErrors.Check(virDomainGetInfo(domain, out var info), $"read the state of domain '{name}'");
        return new DomainInfo(
            (DomainState)info.state, info.maxMem.Value, info.memory.Value, info.nrVirtCpu, TimeSpan.FromTicks((long)(info.cpuTime / 100)));
    }

    internal static string Xml(SafeDomainHandle domain, string name, bool secure, bool inactive) =>
        LibvirtErrors.Check(
            virDomainGetXMLDesc(domain, (secure ? VIR_DOMAIN_XML_SECURE : 0) | (inactive ? VIR_DOMAIN_XML_INACTIVE : 0)),
            $"read the XML of domain '{name}'");

    internal static void Start(SafeDomainHandle domain, string name) =>
        LibvirtErrors.Check(virDomainCreate(domain), $"start domain '{name}'");

    internal static void Destroy(SafeDomainHandle domain, string name) =>
        LibvirtErrors.Check(virDomainDestroy(domain), $"destroy (power off) domain '{name}'");

    internal static void Shutdown(SafeDomainHandle domain, string name) =>
        LibvirtErrors.Check(virDomainShutdownFlags(domain, VIR_DOMAIN_SHUTDOWN_DEFAULT), $"shut down domain '{name}'");

    /// <summary>Undefines the domain; <paramref name="hasNvram"/> says whether its definition names a UEFI variable store.</summary>
    internal static void Undefine(SafeDomainHandle domain, string name, bool hasNvram, NvramHandling nvram)
    {
        var flags = !hasNvram ? 0 : nvram == NvramHandling.Remove ? VIR_DOMAIN_UNDEFINE_NVRAM : VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
        if (virDomainUndefineFlags(domain, flags) >= 0)
        {
            return;
        }

        var error = LibvirtLastError.Take();
        if (flags != VIR_DOMAIN_UNDEFINE_KEEP_NVRAM || error.Code != VIR_ERR_INVALID_ARG)
        {
            throw LibvirtErrors.ToException(error, $"undefine domain '{name}'");
        }

        // A driver that manages no NVRAM files (test://) rejects the flag, and keeps the file anyway.
        LibvirtErrors.Check(virDomainUndefineFlags(domain, 0), $"undefine domain '{name}'");
    }

    /// <summary>The guest's size of the disk <paramref name="target"/> as libvirt sees it (image headers included).</summary>
    internal static long DiskCapacity(SafeDomainHandle domain, string name, string target)
    {
        LibvirtErrors.Check(virDomainGetBlockInfo(domain, target, out var info, 0), $"read the size of disk '{target}' of domain '{name}'");
        return checked((long)info.capacity);
    }

    /// <summary>Starts a block copy of <paramref name="target"/> onto <see cref="BlockCopyOptions.DestinationDevice"/>.</summary>
    internal static void StartBlockCopy(SafeDomainHandle domain, string name, string target, BlockCopyOptions options)
    {
        var destination = new XElement("disk",
            new XAttribute("type", "block"),
            new XElement("source", new XAttribute("dev", options.DestinationDevice)),
            new XElement("driver", new XAttribute("type", "raw"))).ToString(SaveOptions.DisableFormatting);
        using var parameters = BlockCopyParameters.Build(options);
        var flags = BlockCopyParameters.Flags(options);
        var action = $"start the block copy of disk '{target}' of domain '{name}' onto {options.DestinationDevice}";
        if (LibvirtBlockCopy.Start(domain, target, destination, parameters, flags) == 0)
        {
            return;
        }

        var error = LibvirtLastError.Take();
        if (error.Code != VIR_ERR_OPERATION_INVALID || !IsPersistent(domain, name))
        {
            throw LibvirtErrors.ToException(error, action);
        }

        // libvirt before 6.0 (or qemu without -blockdev) cannot recover a copy job of a persistent domain and refuses
        // it ("domain is not transient") unless the job is declared transient, which libvirt accepts since 3.5.0.
        LibvirtErrors.Check(LibvirtBlockCopy.Start(domain, target, destination, parameters, flags | VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB), action);
    }

    /// <summary>The block job on <paramref name="target"/>, or null when none runs.</summary>
    internal static BlockJobInfo? BlockJob(SafeDomainHandle domain, string name, string target)
    {
        var found = LibvirtErrors.Check(
            virDomainGetBlockJobInfo(domain, target, out var info, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES),
            $"read the block job of disk '{target}' of domain '{name}'");
        return found == 0 ? null : new BlockJobInfo(
            (BlockJobType)info.type, checked((long)info.bandwidth.Value), checked((long)info.cur), checked((long)info.end));
    }

    internal static void AbortBlockJob(SafeDomainHandle domain, string name, string target, bool pivot, bool wait)
    {
        var flags = (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0) | (wait ? 0 : VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC);
        LibvirtErrors.Check(virDomainBlockJobAbort(domain, target, flags),
            $"{(pivot ? "pivot" : "abort")} the block job of disk '{target}' of domain '{name}'");
    }

    private static SafeDomainHandle? Found(SafeDomainHandle handle, string what)
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtLastError.Take();
        handle.Dispose();
        return error.Code == VIR_ERR_NO_DOMAIN ? null : throw LibvirtErrors.ToException(error, what);
    }
}
