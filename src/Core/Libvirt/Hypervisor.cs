using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Errors;
using VirtCrypt.Interop;

namespace VirtCrypt.Libvirt;

/// <summary>
/// A connection to libvirt (<c>virConnectPtr</c>) with keepalive and domain lifecycle events. Thread-safe, like
/// libvirt's connections. Dispose it to close the connection.
/// </summary>
public sealed partial class Hypervisor : IDisposable
{
    /// <summary>The local system QEMU/KVM driver, the default URI.</summary>
    public const string SystemUri = "qemu:///system";

    // libvirt's own client defaults (virsh): a ping every 5 s, the connection is dropped after 5 unanswered.
    private const int KeepAliveIntervalSeconds = 5;
    private const uint KeepAliveCount = 5;

    private readonly SafeConnectHandle connection;
    private readonly ILogger logger;
    private readonly Channel<DomainLifecycleEventArgs> events = Channel.CreateUnbounded<DomainLifecycleEventArgs>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ChannelWriter<DomainLifecycleEventArgs>> watchers = [];
    private readonly int lifecycleCallbackId;

    private Hypervisor(SafeConnectHandle connection, bool readOnly, ILogger logger)
    {
        this.connection = connection;
        this.logger = logger;
        IsReadOnly = readOnly;
        Uri = LibvirtProxy.Uri(connection);
        if (!LibvirtProxy.TrySetKeepAlive(connection, KeepAliveIntervalSeconds, KeepAliveCount, out var reason))
        {
            // Local in-process drivers (test://, qemu:///embed) have no keepalive: nothing can time out there.
            LibvirtLog.KeepAliveUnavailable(logger, Uri, reason);
        }

        lifecycleCallbackId = LibvirtProxy.SubscribeLifecycle(connection, Uri, OnLifecycle);
        _ = Task.Run(DispatchEventsAsync);
        if (logger.IsEnabled(LogLevel.Information))
        {
            LibvirtLog.Connected(logger, Uri, LibraryVersion, readOnly);
        }
    }

    /// <summary>Raised, in libvirt's order, for every domain lifecycle event on this connection (on a worker thread).</summary>
    internal event EventHandler<DomainLifecycleEventArgs>? DomainLifecycle;

    /// <summary>The connection's canonical URI, for example <c>qemu:///system</c>.</summary>
    public string Uri { get; }

    /// <summary>True for a read-only connection.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The libvirt version behind the connection, for example <c>9.0.0</c>.</summary>
    public string LibraryVersion => LibvirtVersion.Decode(LibvirtProxy.ConnectionLibraryVersion(connection, Uri));

    /// <summary>The hypervisor's version (qemu's for a qemu URI).</summary>
    public string HypervisorVersion => LibvirtVersion.Decode(LibvirtProxy.HypervisorVersion(connection, Uri));

    /// <summary>Opens a connection. The process-wide event loop is set up on the first call.</summary>
    /// <param name="uri">The libvirt URI; <see cref="SystemUri"/> by default, <c>test:///default</c> for libvirt's in-process test driver.</param>
    /// <param name="readOnly">Open read-only (enough for listing and reading definitions).</param>
    /// <param name="logger">Where to log; nothing is logged by default.</param>
    /// <exception cref="ConnectionLostException">libvirt cannot be reached at <paramref name="uri"/>.</exception>
    /// <exception cref="PermissionDeniedException">The caller may not use it.</exception>
    public static Hypervisor Connect(string uri = SystemUri, bool readOnly = false, ILogger<Hypervisor>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        LibvirtEventLoop.EnsureStarted();
        var connection = LibvirtProxy.Open(uri, readOnly);
        try
        {
            return new Hypervisor(connection, readOnly, (ILogger?)logger ?? NullLogger.Instance);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every domain, running or not. Dispose the list to release them all.</summary>
    public DomainList ListDomains()
    {
        var handles = LibvirtProxy.ListDomains(connection, Uri);
        return new DomainList(handles.Select(h => new Domain(h, logger)).ToList());
    }

    /// <summary>The domain named <paramref name="name"/>.</summary>
    /// <exception cref="ObjectNotFoundException">There is none.</exception>
    public Domain GetDomain(string name) =>
        new(LibvirtProxy.LookupDomain(connection, Uri, name), logger);

    /// <summary>The domain with UUID <paramref name="uuid"/>.</summary>
    /// <exception cref="ObjectNotFoundException">There is none.</exception>
    public Domain GetDomain(Guid uuid) =>
        new(LibvirtProxy.LookupDomain(connection, Uri, uuid), logger);

    /// <summary>The domain named <paramref name="name"/>, or null when there is none.</summary>
    public Domain? FindDomain(string name) => Found(LibvirtProxy.FindDomain(connection, Uri, name));

    /// <summary>The domain with UUID <paramref name="uuid"/>, or null when there is none.</summary>
    public Domain? FindDomain(Guid uuid) => Found(LibvirtProxy.FindDomain(connection, Uri, uuid));

    /// <summary>Defines (or, for an existing name and UUID, redefines) a persistent domain.</summary>
    public Domain Define(DomainDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var domain = new Domain(LibvirtProxy.Define(connection, definition.ToXml(), definition.Name), logger);
        LibvirtLog.Defined(logger, domain.Name, domain.Uuid);
        return domain;
    }

    /// <summary>The names and MAC addresses in use on this connection, and whether <paramref name="source"/> is persistent.</summary>
    internal CloneContext GetCloneContext(Domain source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var macs = new HashSet<string>(StringComparer.Ordinal);
        using var domains = ListDomains();
        foreach (var domain in domains)
        {
            names.Add(domain.Name);
            var definitions = domain.IsActive && domain.IsPersistent
                ? new[] { domain.GetDefinition(), domain.GetDefinition(inactive: true) }
                : [domain.GetDefinition()];
            macs.UnionWith(definitions.SelectMany(d => d.Interfaces).Select(i => i.MacAddress).OfType<string>());
        }

        return new CloneContext { ExistingNames = names, ExistingMacAddresses = macs, SourceIsPersistent = source.IsPersistent };
    }

    /// <summary>Rewrites <paramref name="source"/>'s persistent definition (with secrets) as <paramref name="request"/> asks; changes nothing.</summary>
    internal CloneResult PlanClone(Domain source, CloneRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        return CloneRewriter.Rewrite(source.GetDefinition(secure: true, inactive: true), request, GetCloneContext(source));
    }

    /// <summary>
    /// Copies the NVRAM and TPM state the plan lists (when the source has them), then defines the clone. If the
    /// definition fails, the copies are removed again.
    /// </summary>
    /// <exception cref="ObjectAlreadyExistsException">The clone's name or one of its files is taken.</exception>
    internal Domain DefineClone(CloneResult clone)
    {
        ArgumentNullException.ThrowIfNull(clone);
        if (clone.Mode == CloneMode.Clone && FindDomain(clone.Name) is { } existing)
        {
            existing.Dispose();
            throw new ObjectAlreadyExistsException($"A domain named '{clone.Name}' already exists on '{Uri}': choose another name.");
        }

        var copied = new List<string>();
        try
        {
            foreach (var plan in new[] { clone.NvramCopy, clone.TpmStateCopy }.OfType<FileCopyPlan>())
            {
                if (CloneFiles.Copy(plan))
                {
                    copied.Add(plan.Destination);
                    LibvirtLog.CopiedForClone(logger, plan.Source, plan.Destination);
                }
            }

            return Define(clone.Definition);
        }
        catch
        {
            copied.ForEach(CloneFiles.Delete);
            throw;
        }
    }

    /// <summary>
    /// The lifecycle events from now on, in libvirt's order, until <paramref name="cancellationToken"/> fires or the
    /// connection is disposed. Subscribed at once, so events of calls made after this returns are not missed.
    /// </summary>
    internal IAsyncEnumerable<DomainLifecycleEventArgs> WatchLifecycleEventsAsync(CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<DomainLifecycleEventArgs>(new UnboundedChannelOptions { SingleWriter = true });
        lock (watchers)
        {
            watchers.Add(channel.Writer);
        }

        return ReadAsync(channel, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (connection.IsClosed)
        {
            return;
        }

        LibvirtProxy.Unsubscribe(connection, lifecycleCallbackId);

        events.Writer.TryComplete();
        StopBlockJobEvents();
        connection.Dispose();
    }

    private Domain? Found(SafeDomainHandle? handle) => handle is null ? null : new Domain(handle, logger);

    private async IAsyncEnumerable<DomainLifecycleEventArgs> ReadAsync(
        Channel<DomainLifecycleEventArgs> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (watchers)
            {
                watchers.Remove(channel.Writer);
            }
        }
    }

    private void OnLifecycle(LibvirtLifecycleEvent native) =>
        events.Writer.TryWrite(new DomainLifecycleEventArgs(
            native.DomainName,
            Guid.TryParse(native.DomainUuid, out var uuid) ? uuid : Guid.Empty,
            (DomainLifecycleEventKind)native.Event,
            native.Detail));

    /// <summary>Hands events on from libvirt's event thread, which must never wait for a handler.</summary>
    private async Task DispatchEventsAsync()
    {
        await foreach (var item in events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            LibvirtLog.LifecycleEvent(logger, item);
            try
            {
                DomainLifecycle?.Invoke(this, item);
            }
#pragma warning disable CA1031 // A failing subscriber must not stop delivery to the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LibvirtLog.LifecycleHandlerFailed(logger, e);
            }

            lock (watchers)
            {
                watchers.ForEach(w => w.TryWrite(item));
            }
        }

        lock (watchers)
        {
            watchers.ForEach(w => w.TryComplete());
        }
    }
}
