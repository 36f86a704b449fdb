namespace VirtCrypt.Migration;

/// <summary>
/// The stable identity of a <see cref="PlanCheck"/>: a program matches on it (and on <see cref="PlanCheck.Subject"/>),
/// never on the check's words. Names and values never change; new checks get new names. Plans and journals write the
/// name.
/// </summary>
public enum PlanCheckId
{
    /// <summary>Not recorded: the check comes from a plan or journal written before checks had ids.</summary>
    Unknown = 0,

    /// <summary>The domain is defined persistently (not transient).</summary>
    DomainPersistent = 1,

    /// <summary>The domain is shut off, or may be shut down for the migration.</summary>
    DomainShutOff = 2,

    /// <summary>The domain is running (a live migration mirrors a running guest).</summary>
    DomainRunning = 3,

    /// <summary>The domain has a disk named in the request; the subject is the disk target.</summary>
    DiskExists = 4,

    /// <summary>A disk named in the request is a writable disk of its own (not a CD-ROM, read-only or shareable).</summary>
    DiskMigratable = 5,

    /// <summary>The domain has at least one disk to migrate.</summary>
    DiskToMigrate = 6,

    /// <summary>The disk's source is a readable raw or qcow2 file or block device; the subject is the disk target.</summary>
    DiskReadable = 7,

    /// <summary>The disk holds data (its size is not zero); the subject is the disk target.</summary>
    DiskNotEmpty = 8,

    /// <summary>The request names the disk once; the subject is the disk target.</summary>
    DiskNamedOnce = 9,

    /// <summary>In place: no other domain uses the disk; the subject is the disk target.</summary>
    DiskNotShared = 10,

    /// <summary>In place: the disk is a raw logical volume of the volume group that can be encrypted where it stands; the subject is the disk target.</summary>
    DiskRawLogicalVolume = 11,

    /// <summary>Live: the disk's mapping is exactly the disk's size; the subject is the disk target.</summary>
    DiskKeepsSize = 12,

    /// <summary>Live: no block job runs on the disk; the subject is the disk target.</summary>
    DiskHasNoBlockJob = 13,

    /// <summary>The volume group exists.</summary>
    VolumeGroupExists = 14,

    /// <summary>The volume group has enough free space for the new volumes (in place: for the headers).</summary>
    FreeSpace = 15,

    /// <summary>The logical volume name is one LVM accepts; the subject is the logical volume name.</summary>
    LogicalVolumeName = 16,

    /// <summary>No logical volume of that name exists yet; the subject is the logical volume name.</summary>
    LogicalVolumeFree = 17,

    /// <summary>The device-mapper name is valid, unused and used by one disk only; the subject is the mapping name.</summary>
    MappingFree = 18,

    /// <summary>A mapping name is given only for a disk being migrated; the subject is the disk target the name was given for.</summary>
    MapperNameForDisk = 19,

    /// <summary>The header backup directory exists.</summary>
    HeaderBackupDirectory = 20,

    /// <summary>No file is where a header backup would be written; the subject is that file.</summary>
    HeaderBackupFree = 21,

    /// <summary>The new domain definition can be made (name free, devices distinct).</summary>
    DomainDefinition = 22,

    /// <summary>A new name is given only for a clone.</summary>
    NewName = 23,

    /// <summary>MAC addresses are given only for a clone, at most one per network interface.</summary>
    MacAddresses = 24,

    /// <summary>A given MAC address is valid and given once; the subject is the address.</summary>
    MacAddress = 25,

    /// <summary>No unfinished job works on the domain or its target.</summary>
    NoUnfinishedJob = 26,

    /// <summary>The LUKS options are well-formed.</summary>
    LuksOptions = 27,

    /// <summary>libcryptsetup accepts the hash and key derivation options.</summary>
    PbkdfSupported = 28,

    /// <summary>The kernel and libcryptsetup support the cipher.</summary>
    CipherSupported = 29,

    /// <summary>The key source (passphrase or keyfile) is usable.</summary>
    KeySource = 30,

    /// <summary>In place: the libcryptsetup on this host can encrypt in place.</summary>
    InPlaceLibrary = 31,

    /// <summary>Live: the hypervisor supports live block copy.</summary>
    BlockCopySupported = 32,

    /// <summary>At execution: the plan was made by PlanAsync in this process (not read back from JSON or a journal).</summary>
    PlanMadeByPlanAsync = 33,

    /// <summary>At execution: nothing the plan relied on changed since it was made.</summary>
    PlanCurrent = 34,
}
