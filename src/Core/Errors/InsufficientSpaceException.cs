namespace VirtCrypt.Errors;

/// <summary>There is not enough free space (the message gives what is needed and what is free); nothing was changed.</summary>
public sealed class InsufficientSpaceException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal InsufficientSpaceException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
