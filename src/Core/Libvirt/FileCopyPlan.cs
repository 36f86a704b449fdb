namespace VirtCrypt.Libvirt;

/// <summary>A file or directory the clone needs its own copy of.</summary>
/// <param name="Source">The source domain's file or directory.</param>
/// <param name="Destination">The clone's; it must not exist yet.</param>
internal sealed record FileCopyPlan(string Source, string Destination);
