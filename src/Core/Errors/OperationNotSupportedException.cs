namespace VirtCrypt.Errors;

/// <summary>The hypervisor, library or device does not support the operation.</summary>
internal sealed class OperationNotSupportedException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public OperationNotSupportedException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
