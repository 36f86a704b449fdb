using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// Resolves the logical names in <see cref="Interop.Libraries"/> to versioned sonames. A path can be substituted per
/// library, by <see cref="Override"/> (tests) or by the library's environment variable (fault-injection shims).
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly ConcurrentDictionary<string, string> Overrides = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IntPtr> Loaded = new(StringComparer.Ordinal);

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before any import of this assembly runs.")]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    /// <summary>Loads <paramref name="path"/> instead of the library's soname. Must precede its first call.</summary>
    internal static void Override(NativeLibraryInfo library, string path) => Overrides[library.LogicalName] = path;

    /// <summary>Loads the library now; false with a message naming the library and its Debian package if it can't.</summary>
    internal static bool TryLoad(NativeLibraryInfo library, out string? error)
    {
        try
        {
            Load(library);
            error = null;
            return true;
        }
        catch (DllNotFoundException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var library = NativeLibraryInfo.All.FirstOrDefault(l => l.LogicalName == name);
        return library is null ? IntPtr.Zero : Load(library);
    }

    private static IntPtr Load(NativeLibraryInfo library) =>
        Loaded.GetOrAdd(library.LogicalName, _ =>
        {
            var path = Overrides.GetValueOrDefault(library.LogicalName)
                ?? NonEmpty(Environment.GetEnvironmentVariable(library.OverrideVariable))
                ?? library.Soname;
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }

            throw new DllNotFoundException(
                $"The native library {path} could not be loaded. VirtCrypt needs it for {Purpose(library)}: " +
                $"install the Debian package {library.DebianPackage} (apt-get install {library.DebianPackage}).");
        });

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Purpose(NativeLibraryInfo library) => library.LogicalName switch
    {
        Interop.Libraries.Libvirt => "talking to libvirt",
        Interop.Libraries.Cryptsetup => "LUKS encryption",
        Interop.Libraries.Lvm2Cmd => "LVM volumes",
        Interop.Libraries.Devmapper => "device-mapper devices",
        _ => "probing block devices for existing content",
    };
}
