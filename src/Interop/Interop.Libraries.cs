namespace VirtCrypt.Interop;

internal static partial class Interop
{
    /// <summary>
    /// Logical library names used in every <c>[LibraryImport]</c>. <see cref="NativeLibraryResolver"/> maps each to
    /// the versioned soname, because the unversioned <c>.so</c> links only exist with the -dev packages.
    /// </summary>
    internal static class Libraries
    {
        internal const string Libvirt = "virtcrypt-libvirt";
        internal const string Cryptsetup = "virtcrypt-libcryptsetup";
        internal const string Lvm2Cmd = "virtcrypt-liblvm2cmd";
        internal const string Blkid = "virtcrypt-libblkid";
        internal const string Devmapper = "virtcrypt-libdevmapper";

        /// <summary>glibc, by soname (the unversioned libc.so is a linker script).</summary>
        internal const string Libc = "libc.so.6";
    }
}
