using System.Globalization;
using VirtCrypt.Diagnostics;
using VirtCrypt.Interop;

namespace VirtCrypt.Libvirt;

/// <summary>libvirt's and the hypervisor's versions, decoded from libvirt's major*1,000,000 + minor*1,000 + release.</summary>
internal static class LibvirtVersion
{
    internal static string OfLibrary()
    {
        NativeLibraries.Require(NativeLibraryInfo.Libvirt);
        return Decode(LibvirtProxy.LibraryVersion());
    }

    internal static string OfHypervisor(string uri)
    {
        using var hypervisor = Hypervisor.Connect(uri, readOnly: true);
        return hypervisor.HypervisorVersion;
    }

    internal static string Decode(nuint version) => string.Create(
        CultureInfo.InvariantCulture, $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}");
}
