namespace VirtCrypt.Errors;

/// <summary>The device already holds data (a filesystem, LUKS header, LVM PV or partition table) and was not touched.</summary>
internal sealed class DeviceNotEmptyException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public DeviceNotEmptyException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
