namespace VirtCrypt.Errors;

/// <summary>
/// The base of every error VirtCrypt reports. The message says what failed, on which object, and what to do.
/// Catch a semantic subclass (<see cref="ObjectNotFoundException"/>, <see cref="ResourceBusyException"/>, ...) to
/// react to a kind of failure whichever library reported it; <see cref="NativeError"/> keeps the library's own code.
/// </summary>
public class VirtCryptException : Exception
{
    /// <summary>Creates an exception with a message and, when a native library reported it, the native error.</summary>
    internal VirtCryptException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NativeError = nativeError;
    }

    /// <summary>The native library's error behind this one, if any.</summary>
    internal NativeError? NativeError { get; }
}
