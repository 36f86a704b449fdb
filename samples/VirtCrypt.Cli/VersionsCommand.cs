using System.CommandLine;
using VirtCrypt.Diagnostics;
using VirtCrypt.Errors;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt versions</c>: the versions of the native stack, as the libraries report them.</summary>
internal static class VersionsCommand
{
    internal static Command Create()
    {
        var connect = CommonOptions.Connect();
        var noConnect = new Option<bool>("--no-connect") { Description = "do not connect to libvirt" };
        var command = new Command("versions", "Print the versions of libvirt, the hypervisor, libcryptsetup, LVM and libblkid.")
        {
            connect,
            noConnect,
        };
        command.SetAction(result =>
        {
            try
            {
                var versions = NativeComponents.GetVersions(result.GetValue(noConnect) ? null : result.GetValue(connect));
                Console.WriteLine($"libvirt        {versions.Libvirt}");
                Console.WriteLine($"hypervisor     {versions.Hypervisor ?? "(not connected)"}");
                Console.WriteLine($"libcryptsetup  {versions.Cryptsetup}");
                Console.WriteLine($"LVM            {versions.Lvm}");
                Console.WriteLine($"libblkid       {versions.Blkid}");
                return ExitCodes.Success;
            }
            catch (VirtCryptException e)
            {
                Console.Error.WriteLine($"virtcrypt: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
