namespace VirtCrypt.Libvirt;

/// <summary>One disk to move: the guest disk's target (for example <c>vda</c>) and the mapping it will run from.</summary>
/// <param name="Target">The disk's <c>&lt;target dev&gt;</c> in the source definition.</param>
/// <param name="DevicePath">The new block device, <c>/dev/mapper/NAME</c>.</param>
internal sealed record DiskMigration(string Target, string DevicePath);
