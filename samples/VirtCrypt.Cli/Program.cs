using System.CommandLine;
using VirtCrypt.Cli;

var root = new RootCommand("virtcrypt: move libvirt/KVM guests onto LUKS-encrypted LVM volumes and run them from there.")
{
    VersionsCommand.Create(),
};
return root.Parse(args).Invoke();
