using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>UTF-8 copies of strings for the <c>const char *</c> fields of native structs, freed together on dispose.</summary>
internal sealed class NativeStrings : IDisposable
{
    private readonly List<IntPtr> allocations = [];

    /// <summary>A pointer valid until this object is disposed; 0 for null.</summary>
    internal IntPtr Add(string? value)
    {
        if (value is null)
        {
            return IntPtr.Zero;
        }

        var pointer = Marshal.StringToCoTaskMemUTF8(value);
        allocations.Add(pointer);
        return pointer;
    }

    public void Dispose()
    {
        foreach (var pointer in allocations)
        {
            Marshal.FreeCoTaskMem(pointer);
        }

        allocations.Clear();
    }
}
