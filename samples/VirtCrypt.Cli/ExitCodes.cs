namespace VirtCrypt.Cli;

/// <summary>The process exit codes of <c>virtcrypt</c>.</summary>
internal static class ExitCodes
{
    internal const int Success = 0;
    internal const int Failed = 1;
    internal const int Usage = 2;
}
