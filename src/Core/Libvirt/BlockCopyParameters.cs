using VirtCrypt.Interop;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Libvirt;

/// <summary>Turns <see cref="BlockCopyOptions"/> into <c>virDomainBlockCopy</c>'s typed parameters and flags.</summary>
internal static class BlockCopyParameters
{
    /// <summary>The typed parameters (bandwidth, granularity, buf-size), only those set; the caller disposes them.</summary>
    internal static SafeTypedParametersHandle Build(BlockCopyOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.BandwidthBytesPerSecond ?? 0, nameof(options.BandwidthBytesPerSecond));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BufferBytes ?? 0, nameof(options.BufferBytes));
        if (options.GranularityBytes is { } granularity && !uint.IsPow2(granularity))
        {
            throw new ArgumentOutOfRangeException(nameof(options), granularity, "The granularity must be a power of two.");
        }

        // virTypedParamsAdd* report errors through libvirt's per-thread error, which exists only after virInitialize.
        LibvirtEventLoop.EnsureStarted();
        var parameters = new SafeTypedParametersHandle();
        try
        {
            Add(parameters, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, options.BandwidthBytesPerSecond, (p, n, v) => p.AddULLong(n, (ulong)v));
            Add(parameters, VIR_DOMAIN_BLOCK_COPY_GRANULARITY, options.GranularityBytes, (p, n, v) => p.AddUInt(n, v));
            Add(parameters, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, options.BufferBytes, (p, n, v) => p.AddULLong(n, (ulong)v));
            return parameters;
        }
        catch
        {
            parameters.Dispose();
            throw;
        }
    }

    /// <summary>Always reuse the destination: it is an open LUKS mapping that libvirt must neither create nor probe.</summary>
    internal static uint Flags(BlockCopyOptions options) =>
        VIR_DOMAIN_BLOCK_COPY_REUSE_EXT | (options.SynchronousWrites ? VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES : 0);

    private static void Add<T>(SafeTypedParametersHandle parameters, string name, T? value, Func<SafeTypedParametersHandle, string, T, bool> add)
        where T : struct
    {
        if (value is { } set && !add(parameters, name, set))
        {
            throw LibvirtErrors.ToException(LibvirtLastError.Take(), $"set the block copy parameter '{name}'");
        }
    }
}
