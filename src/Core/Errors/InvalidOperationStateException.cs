namespace VirtCrypt.Errors;

/// <summary>The object is in a state that forbids the operation (for example, the domain is running); nothing was changed.</summary>
internal sealed class InvalidOperationStateException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public InvalidOperationStateException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
