namespace VirtCrypt.Errors;

/// <summary>
/// A key source cannot be used: an empty or oversized keyfile, a FIFO, device or directory given as a keyfile or
/// passphrase file, an empty passphrase line. Nothing was changed; the message names the file and what to do.
/// </summary>
internal sealed class InvalidKeyException : VirtCryptException
{
    /// <summary>Creates the exception with a message that names the key source (never its content).</summary>
    public InvalidKeyException(string message, Exception? innerException = null)
        : base(message, null, innerException)
    {
    }
}
