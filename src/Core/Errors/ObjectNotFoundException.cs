namespace VirtCrypt.Errors;

/// <summary>The named object (domain, volume group, logical volume, mapping, device, file) does not exist.</summary>
public sealed class ObjectNotFoundException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal ObjectNotFoundException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
