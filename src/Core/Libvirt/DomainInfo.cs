namespace VirtCrypt.Libvirt;

/// <summary>A domain's resources at one moment (<c>virDomainGetInfo</c>).</summary>
/// <param name="State">Its state.</param>
/// <param name="MaxMemoryKiB">The most memory it may have, in KiB.</param>
/// <param name="MemoryKiB">The memory it has now, in KiB.</param>
/// <param name="VirtualCpus">Its number of virtual CPUs.</param>
/// <param name="CpuTime">The CPU time it has used.</param>
internal sealed record DomainInfo(DomainState State, ulong MaxMemoryKiB, ulong MemoryKiB, int VirtualCpus, TimeSpan CpuTime);
