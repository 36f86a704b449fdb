namespace VirtCrypt.Errors;

/// <summary>
/// The base of every error VirtCrypt reports. The message says what failed, on which object, and what to do.
/// </summary>
public class VirtCryptException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public VirtCryptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public VirtCryptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public VirtCryptException()
        : this("VirtCrypt failed.")
    {
    }
}
