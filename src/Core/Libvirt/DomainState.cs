namespace VirtCrypt.Libvirt;

/// <summary>A domain's state, as libvirt's <c>virDomainState</c>.</summary>
public enum DomainState
{
    /// <summary>No state reported.</summary>
    NoState = 0,

    /// <summary>Running.</summary>
    Running = 1,

    /// <summary>Blocked on a resource.</summary>
    Blocked = 2,

    /// <summary>Paused by the user or the hypervisor.</summary>
    Paused = 3,

    /// <summary>Shutting down.</summary>
    ShuttingDown = 4,

    /// <summary>Shut off.</summary>
    ShutOff = 5,

    /// <summary>Crashed.</summary>
    Crashed = 6,

    /// <summary>Suspended by the guest's power management.</summary>
    PMSuspended = 7,
}
