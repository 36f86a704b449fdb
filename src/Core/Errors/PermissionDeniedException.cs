namespace VirtCrypt.Errors;

/// <summary>The operation needs privileges the process does not have (usually root).</summary>
public sealed class PermissionDeniedException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal PermissionDeniedException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
