namespace VirtCrypt.Errors;

/// <summary>A name (volume group, logical volume, mapping, domain) breaks the naming rules; nothing was changed.</summary>
internal sealed class InvalidNameException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public InvalidNameException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
