namespace VirtCrypt.Errors;

/// <summary>The object is in use (open, mounted, mapped, running) and was left as it was.</summary>
public sealed class ResourceBusyException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal ResourceBusyException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
