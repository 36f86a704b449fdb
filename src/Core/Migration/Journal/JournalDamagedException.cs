using VirtCrypt.Errors;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// A journal file cannot be used: it is not valid, not complete, written by a newer VirtCrypt, or not a plain file of
/// root's. Nothing is done with it; commands about other jobs skip it.
/// </summary>
public sealed class JournalDamagedException : VirtCryptException
{
    /// <summary>Creates the exception for the journal at <paramref name="path"/> and what is wrong with it.</summary>
    public JournalDamagedException(string path, string reason)
        : base($"The journal {path} cannot be used: {reason}. Nothing was done with it, and commands about other jobs ignore it: " +
               "restore it from a backup, or move it out of the job directory if its job is gone.")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, for example "it was written by a newer virtcrypt (journal schema 2 ...)".</summary>
    public string Reason { get; }
}
