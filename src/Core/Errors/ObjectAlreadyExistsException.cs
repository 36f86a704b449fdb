namespace VirtCrypt.Errors;

/// <summary>An object with the requested name already exists; nothing was changed.</summary>
public sealed class ObjectAlreadyExistsException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal ObjectAlreadyExistsException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
