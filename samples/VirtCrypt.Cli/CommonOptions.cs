using System.CommandLine;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    internal static readonly Option<string> Connect = new Option<string>("--connect", "-c")
    {
        Description = "libvirt connection URI",
        DefaultValueFactory = _ => "qemu:///system",
        Recursive = true,
    }.NotEmpty();

    internal static readonly Option<string> JobDirectory = new Option<string>("--job-dir")
    {
        Description = "where migration journals are kept",
        DefaultValueFactory = _ => JobStore.DefaultDirectory,
        Recursive = true,
    }.NotEmpty();

    internal static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "log what the native libraries say (to stderr)",
        Recursive = true,
    };

    internal static readonly Option<bool> Json = new("--json") { Description = "print machine-readable JSON" };

    internal static readonly Option<bool> Yes = new("--yes", "-y") { Description = "do not ask for confirmation" };

    internal static Option<string> Domain(bool required = true) => new Option<string>("--domain", "-d")
    {
        Description = "the libvirt domain (guest)",
        Required = required,
    }.NotEmpty();

    internal static Option<int> ShutdownTimeout(int defaultSeconds) => new Option<int>("--shutdown-timeout")
    {
        Description = "seconds to wait for a graceful shutdown",
        DefaultValueFactory = _ => defaultSeconds,
    }.NotNegative();
}
