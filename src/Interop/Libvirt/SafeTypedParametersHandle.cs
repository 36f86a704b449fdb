using System.Runtime.InteropServices;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>
/// A <c>virTypedParameterPtr</c> array built by libvirt's own <c>virTypedParamsAdd*</c> (which grows it with its
/// allocator) and released with <c>virTypedParamsFree</c>. Empty (invalid) until the first parameter is added.
/// </summary>
internal sealed class SafeTypedParametersHandle : TrackedSafeHandle
{
    private int capacity;

    public SafeTypedParametersHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The number of parameters in the array.</summary>
    internal int Count { get; private set; }

    private unsafe delegate int AddCall(ref virTypedParameter* parameters, ref int count, ref int capacity);

    /// <summary>Appends an <c>unsigned long long</c>; false with libvirt's error left for <see cref="LibvirtLastError.Take"/>.</summary>
    internal unsafe bool AddULLong(string name, ulong value) =>
        Add((ref virTypedParameter* parameters, ref int count, ref int capacity) => virTypedParamsAddULLong(ref parameters, ref count, ref capacity, name, value));

    /// <summary>Appends an <c>unsigned int</c>; false with libvirt's error left for <see cref="LibvirtLastError.Take"/>.</summary>
    internal unsafe bool AddUInt(string name, uint value) =>
        Add((ref virTypedParameter* parameters, ref int count, ref int capacity) => virTypedParamsAddUInt(ref parameters, ref count, ref capacity, name, value));

    /// <summary>The named <c>unsigned long long</c>, or null when absent or of another type.</summary>
    internal unsafe ulong? GetULLong(string name)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return virTypedParamsGetULLong((virTypedParameter*)handle, Count, name, out var value) == 1 ? value : Absent<ulong>();
    }

    /// <summary>The named <c>unsigned int</c>, or null when absent or of another type.</summary>
    internal unsafe uint? GetUInt(string name)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return virTypedParamsGetUInt((virTypedParameter*)handle, Count, name, out var value) == 1 ? value : Absent<uint>();
    }

    protected override unsafe bool ReleaseHandle()
    {
        virTypedParamsFree((virTypedParameter*)handle, Count);
        return true;
    }

    /// <summary>A lookup of a missing name or of the wrong type sets libvirt's error: drop it.</summary>
    private static T? Absent<T>()
        where T : struct
    {
        _ = LibvirtLastError.Take();
        return null;
    }

    /// <summary>Lets libvirt grow the array, then takes whatever it now points at (it may have moved).</summary>
    private unsafe bool Add(AddCall add)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        var parameters = (virTypedParameter*)handle;
        var count = Count;
        var result = add(ref parameters, ref count, ref capacity);
        SetHandle((IntPtr)parameters);
        Count = count;
        return result == 0;
    }
}
