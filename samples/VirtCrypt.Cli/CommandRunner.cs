using VirtCrypt.Errors;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary>Runs a command's work and turns every outcome into a message on stderr and an exit code.</summary>
internal static class CommandRunner
{
    internal static int Run(Func<Task<int>> work) => RunAsync(work).GetAwaiter().GetResult();

    internal static async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (CliDeclinedException e)
        {
            return Fail(ExitCodes.Refused, e.Message);
        }
        catch (MigrationRefusedException e)
        {
            return Fail(ExitCodes.Refused, e.Message);
        }
        catch (MigrationFailedException e)
        {
            return Fail(e.WasCancelled ? ExitCodes.Interrupted : ExitCodes.JobFailed, e.Message);
        }
        catch (MigrationRollbackFailedException e)
        {
            return Fail(e.WasCancelled ? ExitCodes.Interrupted : ExitCodes.JobFailed, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.Interrupted, "interrupted.");
        }
        catch (InvalidKeyException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (VirtCryptException e)
        {
            return Fail(ExitCodes.Failed, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(ExitCodes.Usage, ArgumentMessages.Plain(e));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(ExitCodes.Failed, e.Message);
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"virtcrypt: {message}");
        return code;
    }
}
