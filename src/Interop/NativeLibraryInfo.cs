namespace VirtCrypt.Interop;

/// <summary>One native library VirtCrypt loads: its logical import name, soname and the Debian package shipping it.</summary>
internal sealed record NativeLibraryInfo(string LogicalName, string Soname, string DebianPackage, string OverrideVariable)
{
    internal static readonly NativeLibraryInfo Libvirt =
        new(Interop.Libraries.Libvirt, "libvirt.so.0", "libvirt0", "VIRTCRYPT_LIBVIRT_PATH");

    internal static readonly NativeLibraryInfo Cryptsetup =
        new(Interop.Libraries.Cryptsetup, "libcryptsetup.so.12", "libcryptsetup12", "VIRTCRYPT_LIBCRYPTSETUP_PATH");

    internal static readonly NativeLibraryInfo Lvm2Cmd =
        new(Interop.Libraries.Lvm2Cmd, "liblvm2cmd.so.2.03", "liblvm2cmd2.03", "VIRTCRYPT_LIBLVM2CMD_PATH");

    internal static readonly NativeLibraryInfo Blkid =
        new(Interop.Libraries.Blkid, "libblkid.so.1", "libblkid1", "VIRTCRYPT_LIBBLKID_PATH");

    /// <summary>The libdevmapper that libcryptsetup links (liblvm2cmd carries its own copy inside).</summary>
    internal static readonly NativeLibraryInfo Devmapper =
        new(Interop.Libraries.Devmapper, "libdevmapper.so.1.02.1", "libdevmapper1.02.1", "VIRTCRYPT_LIBDEVMAPPER_PATH");

    internal static IReadOnlyList<NativeLibraryInfo> All { get; } = [Libvirt, Cryptsetup, Lvm2Cmd, Blkid, Devmapper];
}
