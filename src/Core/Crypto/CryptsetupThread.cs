using System.Threading.Channels;

namespace VirtCrypt.Crypto;

/// <summary>
/// The thread that runs the libcryptsetup calls that take long (key derivation, device-mapper), so that async
/// callers get a task and no thread-pool thread blocks. One thread: the calls are serialized anyway.
/// </summary>
internal sealed class CryptsetupThread
{
    private static readonly Lazy<CryptsetupThread> SharedThread = new(() => new CryptsetupThread());

    private readonly Channel<Action> work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });

    private CryptsetupThread() =>
        new Thread(Loop) { IsBackground = true, Name = "VirtCrypt cryptsetup" }.Start();

    internal static CryptsetupThread Shared => SharedThread.Value;

    /// <summary>
    /// Queues <paramref name="function"/>. Cancellation is honoured until it starts; a running key derivation or
    /// device-mapper call cannot be interrupted.
    /// </summary>
    internal Task<T> RunAsync<T>(Func<T> function, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Writer.TryWrite(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                result.SetCanceled(cancellationToken);
                return;
            }

            try
            {
                result.SetResult(function());
            }
#pragma warning disable CA1031 // Every failure belongs to the caller's task, not to this thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    private void Loop()
    {
        while (work.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (work.Reader.TryRead(out var item))
            {
                item();
            }
        }
    }
}
