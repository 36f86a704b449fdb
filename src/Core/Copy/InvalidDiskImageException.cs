using VirtCrypt.Errors;

namespace VirtCrypt.Copy;

/// <summary>
/// A disk image is damaged, hostile, or not in the format the domain declares. Nothing was written anywhere; the
/// message names the file and the problem.
/// </summary>
internal sealed class InvalidDiskImageException : VirtCryptException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public InvalidDiskImageException(string path, string message, Exception? innerException = null)
        : base(message, null, innerException)
    {
        ImagePath = path;
    }

    /// <summary>The image file at fault.</summary>
    public string ImagePath { get; }
}
