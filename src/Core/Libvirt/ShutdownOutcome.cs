namespace VirtCrypt.Libvirt;

/// <summary>How <see cref="Domain.ShutdownAsync"/> ended.</summary>
internal enum ShutdownOutcome
{
    /// <summary>The domain was not running.</summary>
    AlreadyOff,

    /// <summary>The guest shut down within the timeout.</summary>
    ShutDown,

    /// <summary>The guest did not shut down in time and was destroyed (powered off), as the caller asked.</summary>
    Destroyed,

    /// <summary>The guest did not shut down in time and is still running.</summary>
    StillRunning,
}
