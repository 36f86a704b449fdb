using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Crypto;

/// <summary>What libcryptsetup says of a mapping name (<c>crypt_status</c>'s <c>crypt_status_info</c>).</summary>
internal enum MappingStatus
{
    /// <summary>No usable dm-crypt mapping: the table is missing or of another kind.</summary>
    Invalid = CRYPT_INVALID,

    /// <summary>No such mapping.</summary>
    Inactive = CRYPT_INACTIVE,

    /// <summary>Open, nobody holds it.</summary>
    Active = CRYPT_ACTIVE,

    /// <summary>Open and held open.</summary>
    Busy = CRYPT_BUSY,
}
