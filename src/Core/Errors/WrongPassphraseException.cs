namespace VirtCrypt.Errors;

/// <summary>No keyslot of the LUKS volume accepts the given passphrase or key.</summary>
public sealed class WrongPassphraseException : VirtCryptException
{
    /// <summary>Creates the exception with a message and, when a native library reported it, the native error.</summary>
    internal WrongPassphraseException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
