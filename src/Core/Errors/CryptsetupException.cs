namespace VirtCrypt.Errors;

/// <summary>A libcryptsetup call failed in a way no more specific exception describes; <see cref="VirtCryptException.NativeError"/> has the negative errno.</summary>
internal class CryptsetupException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    public CryptsetupException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
