namespace VirtCrypt.Errors;

/// <summary>The connection to libvirt is closed or broke (libvirtd stopped, socket closed, keepalive timed out); reconnect.</summary>
internal sealed class ConnectionLostException : LibvirtException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public ConnectionLostException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
