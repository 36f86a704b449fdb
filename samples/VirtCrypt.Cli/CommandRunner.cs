using System.CommandLine;
using VirtCrypt.Errors;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary>
/// Runs a command's work and turns every outcome into an exit code and a message on stderr, or with <c>--json</c> an
/// error document on stdout.
/// </summary>
internal static class CommandRunner
{
    internal static int Run(ParseResult result, Func<Task<int>> work) => RunAsync(result, work).GetAwaiter().GetResult();

    internal static async Task<int> RunAsync(ParseResult result, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = Failure.Of(e);
            Report(result.GetValue(CommonOptions.Json), failure);
            return failure.ExitCode;
        }
    }

    /// <summary>A failure on stderr for a person, or as the error document on stdout for a program.</summary>
    internal static void Report(bool json, Failure failure)
    {
        if (json)
        {
            JsonDocuments.Print(
                new ErrorDocument(JsonDocuments.Schema, new ErrorDetail(failure.Kind, failure.Message, failure.Job)), JsonDocuments.Context.ErrorDocument);
        }
        else
        {
            Console.Error.WriteLine($"virtcrypt: {failure.Message}");
        }
    }
}

/// <summary>What went wrong, as an exit code, a kind a program can branch on (docs/json.md lists them) and a sentence.</summary>
internal sealed record Failure(int ExitCode, string Kind, string Message, string? Job = null)
{
    internal static Failure Of(Exception e) => e switch
    {
        CliUsageException => new(ExitCodes.Usage, "usage", e.Message),
        CliDeclinedException => new(ExitCodes.Refused, "declined", e.Message),
        MigrationRefusedException => new(ExitCodes.Refused, "refused", e.Message),
        MigrationFailedException { WasCancelled: true } f => new(ExitCodes.Interrupted, "interrupted", e.Message, f.JobId),
        MigrationFailedException f => new(ExitCodes.JobFailed, "job-failed", e.Message, f.JobId),
        MigrationRollbackFailedException { WasCancelled: true } f => new(ExitCodes.Interrupted, "interrupted", e.Message, f.JobId),
        MigrationRollbackFailedException f => new(ExitCodes.JobFailed, "rollback-failed", e.Message, f.JobId),
        OperationCanceledException => new(ExitCodes.Interrupted, "interrupted", "interrupted."),
        InvalidKeyException => new(ExitCodes.Usage, "invalid-key", e.Message),
        VirtCryptException => new(ExitCodes.Failed, KindOf(e), e.Message),
        ArgumentException a => new(ExitCodes.Usage, "usage", ArgumentMessages.Plain(a)),
        _ => new(ExitCodes.Failed, "failed", e.Message),
    };

    private static string KindOf(Exception e) => e switch
    {
        ObjectNotFoundException => "not-found",
        ObjectAlreadyExistsException => "already-exists",
        ResourceBusyException => "busy",
        PermissionDeniedException => "permission-denied",
        WrongPassphraseException => "wrong-passphrase",
        InsufficientSpaceException => "insufficient-space",
        DeviceMapperUnavailableException => "device-mapper-unavailable",
        DeviceNotEmptyException => "device-not-empty",
        ForeignObjectException => "foreign-object",
        InvalidNameException => "invalid-name",
        InvalidOperationStateException => "invalid-state",
        OperationNotSupportedException => "not-supported",
        UnusableMappingException => "unusable-mapping",
        NativeLibraryNotFoundException => "native-library-missing",
        Migration.Journal.JournalDamagedException => "journal-damaged",
        ConnectionLostException => "connection-lost",
        LibvirtException => "libvirt",
        CryptsetupException => "cryptsetup",
        LvmException => "lvm",
        _ => "failed",
    };
}
