namespace VirtCrypt.Errors;

/// <summary>The native libraries VirtCrypt calls.</summary>
internal enum NativeLibraryKind
{
    /// <summary>libvirt (<c>libvirt.so.0</c>).</summary>
    Libvirt,

    /// <summary>libcryptsetup (<c>libcryptsetup.so.12</c>).</summary>
    Cryptsetup,

    /// <summary>LVM through liblvm2cmd (<c>liblvm2cmd.so.2.03</c>).</summary>
    Lvm,

    /// <summary>libblkid (<c>libblkid.so.1</c>).</summary>
    Blkid,

    /// <summary>The C library (system calls).</summary>
    Libc,

    /// <summary>libdevmapper (<c>libdevmapper.so.1.02.1</c>).</summary>
    Devmapper,
}

/// <summary>An error exactly as a native library reported it.</summary>
/// <param name="Library">Which library.</param>
/// <param name="Code">Its code: a libvirt <c>virErrorNumber</c>, a negative errno from libcryptsetup, an LVM return code, an errno (libdevmapper's: 0 when it never reached the kernel).</param>
/// <param name="Message">Its own message, if it gave one.</param>
/// <param name="Domain">libvirt's error domain (<c>virErrorDomain</c>), where there is one.</param>
internal sealed record NativeError(NativeLibraryKind Library, int Code, string? Message = null, int? Domain = null);
