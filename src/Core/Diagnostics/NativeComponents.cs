using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Storage;

namespace VirtCrypt.Diagnostics;

/// <summary>Reports what the native stack underneath VirtCrypt is, straight from the libraries.</summary>
internal static class NativeComponents
{
    /// <summary>
    /// Asks every native library for its version. With <paramref name="libvirtUri"/>, also connects there and asks
    /// the hypervisor for its version.
    /// </summary>
    /// <exception cref="Errors.NativeLibraryNotFoundException">A library is not installed.</exception>
    /// <exception cref="Errors.VirtCryptException">A library failed to answer or the connection failed.</exception>
    public static NativeComponentVersions GetVersions(string? libvirtUri = null) => new(
        LibvirtVersion.OfLibrary(),
        libvirtUri is null ? null : LibvirtVersion.OfHypervisor(libvirtUri),
        CryptsetupVersion.OfLibrary(),
        LvmVersion.OfLibrary(),
        BlkidVersion.OfLibrary());
}
