using System.Globalization;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;
using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>libvirt's and the hypervisor's versions, decoded from libvirt's major*1,000,000 + minor*1,000 + release.</summary>
internal static class LibvirtVersion
{
    internal static string OfLibrary()
    {
        NativeLibraries.Require(NativeLibraryInfo.Libvirt);
        if (virGetVersion(out var version, null, out _) < 0)
        {
            throw new VirtCryptException("libvirt did not report its version (virGetVersion failed).");
        }

        return Decode(version.Value);
    }

    internal static string OfHypervisor(string uri)
    {
        using var hypervisor = Hypervisor.Connect(uri, readOnly: true);
        return hypervisor.HypervisorVersion;
    }

    internal static string Decode(nuint version) => string.Create(
        CultureInfo.InvariantCulture, $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}");
}
