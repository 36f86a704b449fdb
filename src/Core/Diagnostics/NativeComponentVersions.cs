namespace VirtCrypt.Diagnostics;

/// <summary>Versions of the native stack VirtCrypt runs on, as the libraries themselves report them.</summary>
/// <param name="Libvirt">libvirt library version, for example <c>9.0.0</c>.</param>
/// <param name="Hypervisor">The hypervisor's version behind the connection (qemu for <c>qemu:///system</c>), when one was opened.</param>
/// <param name="Cryptsetup">libcryptsetup version, for example <c>2.6.1</c>.</param>
/// <param name="Lvm">LVM version reported by liblvm2cmd, for example <c>2.03.16(2) (2022-05-18)</c>.</param>
/// <param name="Blkid">libblkid version, for example <c>2.38.1</c>.</param>
internal sealed record NativeComponentVersions(string Libvirt, string? Hypervisor, string Cryptsetup, string Lvm, string Blkid);
