using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

/// <summary>
/// <c>crypt_reencrypt_run</c> with a managed progress callback: it gets the bytes done and the total and returns
/// true to interrupt. An exception it throws stops the run (the library never sees it) and is thrown afterwards.
/// </summary>
internal static class CryptsetupReencryptRun
{
    internal static int Run(SafeCryptDeviceHandle context, Func<long, long, bool> onProgress)
    {
        var state = new State(onProgress);
        var handle = GCHandle.Alloc(state);
        try
        {
            int result;
            unsafe
            {
                result = Interop.Cryptsetup.crypt_reencrypt_run(context, &OnProgress, GCHandle.ToIntPtr(handle));
            }

            if (state.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return result;
        }
        finally
        {
            handle.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static int OnProgress(ulong size, ulong offset, IntPtr user)
    {
        var state = (State)GCHandle.FromIntPtr(user).Target!;
        try
        {
            return state.OnProgress((long)offset, (long)size) ? 1 : 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            state.Failure = e;
            return 1;
        }
    }

    private sealed class State(Func<long, long, bool> onProgress)
    {
        internal Func<long, long, bool> OnProgress => onProgress;

        internal Exception? Failure { get; set; }
    }
}
