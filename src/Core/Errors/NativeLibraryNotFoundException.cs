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

    /// <summary>The versioned soname that could not be loaded, for example <c>libcryptsetup.so.12</c>.</summary>
    public string Soname { get; }

    /// <summary>The Debian package that provides it, for example <c>libcryptsetup12</c>.</summary>
    public string DebianPackage { get; }
}
