namespace VirtCrypt.Libvirt;

/// <summary>What happened to a domain, as libvirt's <c>virDomainEventType</c>.</summary>
internal enum DomainLifecycleEventKind
{
    /// <summary>Defined (or its definition updated).</summary>
    Defined = 0,

    /// <summary>Undefined.</summary>
    Undefined = 1,

    /// <summary>Started.</summary>
    Started = 2,

    /// <summary>Suspended (paused).</summary>
    Suspended = 3,

    /// <summary>Resumed.</summary>
    Resumed = 4,

    /// <summary>Stopped (shut off, destroyed, crashed, migrated away...).</summary>
    Stopped = 5,

    /// <summary>The guest is shutting down or has shut down.</summary>
    Shutdown = 6,

    /// <summary>Suspended by the guest's power management.</summary>
    PMSuspended = 7,

    /// <summary>Crashed.</summary>
    Crashed = 8,
}
