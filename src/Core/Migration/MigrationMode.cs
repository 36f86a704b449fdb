namespace VirtCrypt.Migration;

/// <summary>What becomes of the guest's identity.</summary>
public enum MigrationMode
{
    /// <summary>
    /// A new domain (new name, UUID and MAC addresses) runs from the encrypted disks; the source domain stays
    /// defined, shut off and untouched. Never run both: the guest inside has the same IP address and hostname.
    /// </summary>
    Clone,

    /// <summary>
    /// The same domain (same name, UUID and MACs, so no NIC renaming inside the guest) is redefined onto the
    /// encrypted disks; its previous definition is kept in the job's journal for a rollback.
    /// </summary>
    Retarget,

    /// <summary>
    /// The same domain keeps running while each disk is mirrored onto its encrypted volume (libvirt block copy); once
    /// every mirror is in sync the guest is switched over to all of them, and the persistent definition follows. No
    /// downtime; needs a hypervisor with block jobs (QEMU/KVM).
    /// </summary>
    Live,

    /// <summary>
    /// The same domain (like <see cref="Retarget"/>) whose disks are raw logical volumes: each is encrypted where it
    /// stands (LUKS2 with the header at its head; the volume grows by the header only), with no second copy. The guest
    /// is off meanwhile. Once the header is on the volume, a rollback needs the key and decrypts the volume back in place
    /// (libcryptsetup 2.6.0 or later; the plan says when the library is older and the rollback would be refused).
    /// </summary>
    InPlace,
}
