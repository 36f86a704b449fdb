using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Interop;

/// <summary>Calls <c>virDomainBlockCopy</c> with a typed parameter array kept alive for the call.</summary>
internal static class LibvirtBlockCopy
{
    /// <summary>Returns 0, or -1 with libvirt's error left for <see cref="LibvirtLastError.Take"/>.</summary>
    internal static unsafe int Start(SafeDomainHandle domain, string disk, string destinationXml, SafeTypedParametersHandle parameters, uint flags)
    {
        var added = false;
        try
        {
            parameters.DangerousAddRef(ref added);
            return virDomainBlockCopy(domain, disk, destinationXml, (virTypedParameter*)parameters.DangerousGetHandle(), parameters.Count, flags);
        }
        finally
        {
            if (added)
            {
                parameters.DangerousRelease();
            }
        }
    }
}
