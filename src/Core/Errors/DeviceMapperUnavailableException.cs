namespace VirtCrypt.Errors;

/// <summary>The kernel has no device-mapper (load the dm_mod and dm_crypt modules).</summary>
public sealed class DeviceMapperUnavailableException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal DeviceMapperUnavailableException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
