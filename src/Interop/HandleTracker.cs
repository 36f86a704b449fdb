using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// Records every <see cref="TrackedSafeHandle"/> from its allocation until it is disposed, with the allocation's
/// stack, when the AppContext switch <see cref="Switch"/> is on (the test projects turn it on; the product never
/// does). The tests fail a test that leaves a handle it allocated open (tests/Shared/HandleLeakCheck.cs).
/// </summary>
internal static class HandleTracker
{
    internal const string Switch = "VirtCrypt.TrackHandles";

    private static readonly bool Enabled = AppContext.TryGetSwitch(Switch, out var enabled) && enabled;
    private static readonly ConcurrentDictionary<SafeHandle, Allocation> Open = new();
    private static readonly string? TrackerType = typeof(HandleTracker).FullName;
    private static readonly string? HandleType = typeof(TrackedSafeHandle).FullName;
    private static long allocations;

    /// <summary>Whether handles are being tracked in this process.</summary>
    internal static bool IsEnabled => Enabled;

    /// <summary>A point in the sequence of allocations, to ask later what was allocated after it.</summary>
    internal static long Mark => Interlocked.Read(ref allocations);

    internal static void Opened(SafeHandle handle)
    {
        if (Enabled)
        {
            Open[handle] = new Allocation(Interlocked.Increment(ref allocations), handle.GetType().Name, AllocationStack());
        }
    }

    internal static void Closed(SafeHandle handle)
    {
        if (Enabled)
        {
            Open.TryRemove(handle, out _);
        }
    }

    /// <summary>Handles allocated after <paramref name="mark"/> that hold a native resource and were never disposed, each with its allocation stack.</summary>
    internal static IReadOnlyList<string> OpenSince(long mark) =>
        Open.Where(p => p.Value.Sequence > mark && !p.Key.IsInvalid && !p.Key.IsClosed)
            .OrderBy(p => p.Value.Sequence)
            .Select(p => $"{p.Value.Type} allocated at\n{p.Value.Stack}")
            .ToList();

    /// <summary>The caller's stack without the tracking frames (which inlining makes uncountable).</summary>
    private static string AllocationStack() => string.Join(
        Environment.NewLine,
        new StackTrace(fNeedFileInfo: true).GetFrames()
            .Where(f => DiagnosticMethodInfo.Create(f)?.DeclaringTypeName is not { } type || (type != TrackerType && type != HandleType))
            .Select(f => new StackTrace(f).ToString().TrimEnd()));

    private sealed record Allocation(long Sequence, string Type, string Stack);
}
