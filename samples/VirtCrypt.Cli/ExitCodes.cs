namespace VirtCrypt.Cli;

/// <summary>The process exit codes of <c>virtcrypt</c>, and what each means (printed by --help and the man page).</summary>
internal static class ExitCodes
{
    internal const int Success = 0;

    /// <summary>An error outside a migration job (a missing domain, a wrong passphrase, ...).</summary>
    internal const int Failed = 1;

    /// <summary>The command line is wrong.</summary>
    internal const int Usage = 2;

    /// <summary>A check of the plan failed; nothing was changed.</summary>
    internal const int Refused = 3;

    /// <summary>A migration job (or its rollback) failed; resume or roll it back with the job id printed.</summary>
    internal const int JobFailed = 4;

    /// <summary>Interrupted (Ctrl+C); a migration job can be resumed.</summary>
    internal const int Interrupted = 130;

    /// <summary>Every exit code with its meaning for an administrator, in ascending order.</summary>
    internal static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Success, "done"),
        (Failed, "failed (a missing domain, a wrong passphrase, a native library's error); the message says what to do"),
        (Usage, "bad usage: the command line is wrong"),
        (Refused, "refused by a check; nothing was changed"),
        (JobFailed, "a migration job or its rollback failed: resume or roll back the job it names"),
        (Interrupted, "interrupted (Ctrl+C); a migration job can be resumed"),
    ];
}
