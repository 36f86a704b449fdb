using Microsoft.Extensions.Logging;
using VirtCrypt.Interop;

namespace VirtCrypt.Storage;

/// <summary>The LVM thread's side of one piece of work: runs its commands there and routes their log lines.</summary>
internal sealed class LvmSession
{
    private readonly LvmCommandRunner runner;
    private readonly SafeLvmHandle handle;
    private readonly ILogger logger;
    private readonly CancellationToken cancellationToken;

    internal LvmSession(LvmCommandRunner runner, SafeLvmHandle handle, ILogger logger, CancellationToken cancellationToken)
    {
        this.runner = runner;
        this.handle = handle;
        this.logger = logger;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Runs one command; a command that changes something is not started once cancellation was requested. While
    /// another LVM command holds a lock it needs, it is run again until it gets it; cancellation ends that wait.
    /// </summary>
    internal LvmOutput Run(LvmCommandLine command)
    {
        if (command.ChangesMetadata)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var commandLine = command.Option("--config", LvmLockWait.NoWaitConfig).ToString();
        LvmLogRouting.Starting(logger, commandLine);
        for (TimeSpan? pause = null; ; )
        {
            var output = runner.Execute(handle, commandLine);
            if (!LvmLockWait.FoundLockBusy(output))
            {
                LvmLogRouting.Finished(logger, output);
                return output;
            }

            if (pause is null)
            {
                LvmLogRouting.WaitingForLock(logger, commandLine);
            }

            pause = LvmLockWait.Next(pause);
            LvmLockWait.Pause(pause.Value, commandLine, cancellationToken);
        }
    }
}
