namespace VirtCrypt.Cli;

/// <summary>
/// Reads from the terminal so that Ctrl+C ends the command at once. Console.ReadKey and ReadLine cannot be
/// interrupted: run on a thread of their own and awaited with the command's token, the command ends as soon as Ctrl+C
/// cancels it (exit 130), instead of after the 60 s grace period the process gives a running migration. The terminal's
/// echo is restored by .NET when the process exits.
/// </summary>
internal static class InterruptiblePrompt
{
    internal static async Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Factory.StartNew(read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine();
            throw;
        }
    }
}
