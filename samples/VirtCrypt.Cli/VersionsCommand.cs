using System.CommandLine;
using VirtCrypt.Diagnostics;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt versions</c>: the versions of the native stack, as the libraries report them.</summary>
internal static class VersionsCommand
{
    internal static Command Create()
    {
        var noConnect = new Option<bool>("--no-connect") { Description = "do not connect to libvirt" };
        var command = new Command("versions", "Print the versions of libvirt, the hypervisor, libcryptsetup, LVM and libblkid.") { noConnect, CommonOptions.Json };
        command.SetAction(result => CommandRunner.Run(result, () =>
        {
            var versions = NativeComponents.GetVersions(result.GetValue(noConnect) ? null : result.GetValue(CommonOptions.Connect));
            JsonDocuments.Outcome(
                result,
                string.Join(
                    Environment.NewLine,
                    $"libvirt        {versions.Libvirt}",
                    $"hypervisor     {versions.Hypervisor ?? "(not connected)"}",
                    $"libcryptsetup  {versions.Cryptsetup}",
                    $"LVM            {versions.Lvm}",
                    $"libblkid       {versions.Blkid}"),
                new VersionsDocument(JsonDocuments.Schema, "versions", versions.Libvirt, versions.Hypervisor, versions.Cryptsetup, versions.Lvm, versions.Blkid),
                JsonDocuments.Context.VersionsDocument);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
