namespace VirtCrypt.Errors;

/// <summary>An LVM command failed in a way no more specific exception describes; the message carries LVM's own error lines.</summary>
internal class LvmException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public LvmException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
