using System.CommandLine;

namespace VirtCrypt.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    internal static Option<string> Connect() => new("--connect", "-c")
    {
        Description = "libvirt connection URI",
        DefaultValueFactory = _ => "qemu:///system",
    };
}
