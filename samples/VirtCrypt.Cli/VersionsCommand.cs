using System.CommandLine;
using VirtCrypt.Diagnostics;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt versions</c>: the versions of the native stack, as the libraries report them.</summary>
internal static class VersionsCommand
{
    internal static Command Create()
    {
        var noConnect = new Option<bool>("--no-connect") { Description = "do not connect to libvirt" };
        var command = new Command("versions", "Print the versions of libvirt, the hypervisor, libcryptsetup, LVM and libblkid.") { noConnect };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var versions = NativeComponents.GetVersions(result.GetValue(noConnect) ? null : result.GetValue(CommonOptions.Connect));
            Console.WriteLine($"libvirt        {versions.Libvirt}");
            Console.WriteLine($"hypervisor     {versions.Hypervisor ?? "(not connected)"}");
            Console.WriteLine($"libcryptsetup  {versions.Cryptsetup}");
            Console.WriteLine($"LVM            {versions.Lvm}");
            Console.WriteLine($"libblkid       {versions.Blkid}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
