namespace VirtCrypt.Storage;

/// <summary>A physical volume of a volume group, as LVM reported it.</summary>
/// <param name="DevicePath">Its block device, for example <c>/dev/md0</c>.</param>
/// <param name="SizeBytes">Its usable size.</param>
/// <param name="FreeBytes">How much of it no logical volume uses.</param>
/// <param name="Uuid">LVM's UUID of the physical volume.</param>
internal sealed record PhysicalVolume(string DevicePath, long SizeBytes, long FreeBytes, string Uuid);
