namespace VirtCrypt.Errors;

/// <summary>A native library VirtCrypt needs is not installed; the message names the Debian package to install.</summary>
public sealed class NativeLibraryNotFoundException : VirtCryptException
{
    /// <summary>Creates the exception for a library and the package that provides it.</summary>
    public NativeLibraryNotFoundException(string soname, string debianPackage, string message)
        : base(message)
    {
        Soname = soname;
        DebianPackage = debianPackage;
    }

    /// <summary>Creates an exception with a message.</summary>
    public NativeLibraryNotFoundException(string message)
        : this("", "", message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public NativeLibraryNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Soname = "";
        DebianPackage = "";
    }

    /// <summary>Creates an exception with a default message.</summary>
    public NativeLibraryNotFoundException()
        : this("A native library VirtCrypt needs is not installed.")
    {
    }

    /// <summary>The versioned soname that could not be loaded, for example <c>libcryptsetup.so.12</c>.</summary>
    public string Soname { get; }

    /// <summary>The Debian package that provides it, for example <c>libcryptsetup12</c>.</summary>
    public string DebianPackage { get; }
}
