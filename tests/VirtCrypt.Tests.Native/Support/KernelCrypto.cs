using System.Runtime.InteropServices;

namespace VirtCrypt.Tests.Native.Support;

/// <summary>Whether this kernel offers its crypto API to programs (AF_ALG sockets), which libcryptsetup's cipher benchmark needs.</summary>
internal static class KernelCrypto
{
    private const int AF_ALG = 38;
    private const int SOCK_SEQPACKET = 5;

    internal static bool HasAfAlg
    {
        get
        {
            var fd = socket(AF_ALG, SOCK_SEQPACKET, 0);
            if (fd < 0)
            {
                return false;
            }

            _ = close(fd);
            return true;
        }
    }

    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport("libc.so.6")]
    private static extern int close(int fd);
}
