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
        NativeLibraries.Require(NativeLibraryInfo.Libvirt);
        using var connection = virConnectOpen(uri);
        if (connection.IsInvalid)
        {
            throw new VirtCryptException(
                $"Could not connect to libvirt at '{uri}': check that libvirtd is running and that you may use it.");
        }

        if (virConnectGetVersion(connection, out var version) < 0)
        {
            throw new VirtCryptException($"The hypervisor behind '{uri}' did not report its version.");
        }

        return Decode(version.Value);
    }

    internal static string Decode(nuint version) => string.Create(
        CultureInfo.InvariantCulture, $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}");
}
