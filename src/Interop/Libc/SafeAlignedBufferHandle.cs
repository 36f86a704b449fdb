using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// Native memory from <see cref="NativeMemory.AlignedAlloc"/>, freed on dispose: O_DIRECT needs buffers aligned to the
/// device's block size, which managed arrays do not guarantee.
/// </summary>
internal sealed unsafe class SafeAlignedBufferHandle : TrackedSafeHandle
{
    public SafeAlignedBufferHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal int Length { get; private set; }

    /// <summary>Allocates <paramref name="length"/> zeroed bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    internal static SafeAlignedBufferHandle Allocate(int length, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var buffer = new SafeAlignedBufferHandle { Length = length };
        var memory = NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        NativeMemory.Clear(memory, (nuint)length);
        buffer.SetHandle((IntPtr)memory);
        return buffer;
    }

    /// <summary>The memory as a span; valid until the handle is disposed, which only its owner does.</summary>
    internal Span<byte> AsSpan()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return new Span<byte>((void*)handle, Length);
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
