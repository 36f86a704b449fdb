namespace VirtCrypt.Errors;

/// <summary>
/// An object a migration job would act on (a domain, a logical volume, a file) is not proven to be the job's own: it
/// lacks the job's tag, has another identity or content than the job recorded, or is not a plain file of root's. It is
/// left alone and nothing was changed.
/// </summary>
internal sealed class ForeignObjectException : VirtCryptException
{
    /// <summary>Creates the exception with a message naming the object and why it is not the job's.</summary>
    public ForeignObjectException(string message, NativeError? nativeError = null, Exception? innerException = null)
        : base(message, nativeError, innerException)
    {
    }
}
