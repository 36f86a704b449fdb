using System.Runtime.InteropServices;

namespace VirtCrypt.Tests.Native.Libvirt;

/// <summary>Points the process's file descriptor 2 at a temporary file for a while, to see what native code writes to stderr.</summary>
internal static class StandardErrorCapture
{
    private const int StandardError = 2;

    internal static string Around(Action action)
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                var saved = dup(StandardError);
                dup2((int)file.SafeFileHandle.DangerousGetHandle(), StandardError).Should().Be(StandardError);
                try
                {
                    action();
                }
                finally
                {
                    dup2(saved, StandardError).Should().Be(StandardError);
                    close(saved).Should().Be(0);
                }
            }

            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes straight to fd 2, bypassing .NET's Console, as native code does.</summary>
    internal static void WriteNative(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        write(StandardError, bytes, bytes.Length).Should().Be(bytes.Length);
    }

    // DllImport, not LibraryImport: the generated stubs need unsafe code, which this test project does not allow.
#pragma warning disable SYSLIB1054
    [DllImport("libc.so.6")]
    private static extern int dup(int fd);

    [DllImport("libc.so.6")]
    private static extern int dup2(int oldfd, int newfd);

    [DllImport("libc.so.6")]
    private static extern int close(int fd);

    [DllImport("libc.so.6")]
    private static extern nint write(int fd, byte[] buffer, nint count);
#pragma warning restore SYSLIB1054
}
