namespace VirtCrypt.Errors;

/// <summary>Why a device-mapper device that has a mapping's name cannot be used as that mapping.</summary>
internal enum MappingDefect
{
    /// <summary>
    /// It has no live table: it was created but its table was never loaded or never activated, which is what a
    /// process killed in the middle of opening a mapping (or activating a logical volume) leaves behind.
    /// </summary>
    NoTable,

    /// <summary>It is suspended: every read and write waits until it is resumed.</summary>
    Suspended,

    /// <summary>It is a device-mapper device of another kind, not a dm-crypt mapping.</summary>
    NotDmCrypt,
}
