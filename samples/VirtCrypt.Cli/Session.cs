using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Cli;

/// <summary>The connections one command works with: libvirt, LVM, the journal store, and logging.</summary>
internal sealed class Session : IDisposable
{
    private Session(ILoggerFactory loggers, Hypervisor hypervisor, LvmHost lvm, JobStore jobs)
    {
        Loggers = loggers;
        Hypervisor = hypervisor;
        Lvm = lvm;
        Migrations = new MigrationService(hypervisor, lvm, jobs, loggers);
    }

    internal ILoggerFactory Loggers { get; }

    internal Hypervisor Hypervisor { get; }

    internal LvmHost Lvm { get; }

    internal MigrationService Migrations { get; }

    internal static Session Open(ParseResult result)
    {
        var loggers = Logging(result);
        var hypervisor = Hypervisor.Connect(result.GetValue(CommonOptions.Connect)!, logger: loggers.CreateLogger<Hypervisor>());
        try
        {
            return new Session(loggers, hypervisor, new LvmHost(loggers.CreateLogger<LvmHost>()), new JobStore(result.GetValue(CommonOptions.JobDirectory)!));
        }
        catch
        {
            hypervisor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// With <c>-v</c>, everything down to debug on stderr; without, nothing: the command reports its own outcome in one
    /// line, and a failure's log lines would only repeat it in .NET's log format.
    /// </summary>
    internal static ILoggerFactory Logging(ParseResult result) => result.GetValue(CommonOptions.Verbose)
        ? LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
        : NullLoggerFactory.Instance;

    public void Dispose()
    {
        Lvm.Dispose();
        Hypervisor.Dispose();
        Loggers.Dispose();
    }
}
