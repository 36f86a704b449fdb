namespace VirtCrypt.Errors;

/// <summary>A libvirt call failed in a way no more specific exception describes; <see cref="VirtCryptException.NativeError"/> has libvirt's code and domain.</summary>
internal class LibvirtException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public LibvirtException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
