using VirtCrypt.Errors;

namespace VirtCrypt.Copy;

/// <summary>The target does not hold the source's bytes after a copy; the message names the first differing offset.</summary>
internal sealed class CopyVerificationException : VirtCryptException
{
    /// <summary>Creates the exception for a difference at <paramref name="firstDifference"/>.</summary>
    public CopyVerificationException(string source, string target, long firstDifference)
        : base($"Verification failed: {target} differs from {source} first at byte offset {firstDifference}. " +
               "Do not use the target; check the devices (dmesg) and copy again.")
    {
        FirstDifference = firstDifference;
    }

    /// <summary>The offset of the first byte that differs.</summary>
    public long FirstDifference { get; }
}
