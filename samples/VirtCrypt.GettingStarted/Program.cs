using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Storage;

// Migrates the shut-off guest "mail" onto LUKS2 volumes in the volume group "vg0" and starts the new domain.
// The passphrase is the first line of the file PASSFILE: a secret never goes on the command line.
//   GettingStarted PASSFILE               plan, then migrate
//   GettingStarted PASSFILE resume JOB    carry on a job that stopped part-way (same passphrase)
//   GettingStarted rollback JOB           undo it
using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(console => console.SingleLine = true));
using var hypervisor = Hypervisor.Connect(Hypervisor.SystemUri, logger: loggers.CreateLogger<Hypervisor>());
using var lvm = new LvmHost(loggers.CreateLogger<LvmHost>());
var migrations = new MigrationService(hypervisor, lvm, loggers: loggers);
var progress = new Progress<MigrationProgress>(p => Console.WriteLine(p.Copy is { } copy
    ? $"  {p.Disk} {copy.Phase}: {copy.BytesDone >> 20} of {copy.BytesTotal >> 20} MiB"
    : $"{p.Step} {p.Disk}: {p.Message}"));

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

switch (args)
{
    case ["rollback", var job]:
        await migrations.RollbackAsync(job, progress: progress, cancellationToken: cancel.Token);
        return 0;
    case [var passphraseFile, "resume", var job]:
        return await RunAsync(passphraseFile, key => migrations.ResumeAsync(job, key, progress, cancel.Token));
    case [var passphraseFile]:
        var plan = await migrations.PlanAsync(new MigrationRequest
        {
            Domain = "mail",
            VolumeGroup = "vg0",
            Mode = MigrationMode.Clone,
            HeaderBackupDirectory = "/root/luks-headers",
            Start = true,
        }, cancel.Token);
        foreach (var check in plan.Checks)
        {
            Console.WriteLine($"[{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}");
        }

        foreach (var disk in plan.Disks)
        {
            Console.WriteLine($"{disk.Target}: {disk.SourcePath} -> {disk.MapperPath} on {disk.LvPath} ({disk.Layout.LvBytes >> 20} MiB)");
        }

        return plan.CanExecute
            ? await RunAsync(passphraseFile, key => migrations.ExecuteAsync(plan, key, progress, cancel.Token))
            : 3;
    default:
        Console.Error.WriteLine("usage: GettingStarted PASSFILE [resume JOB] | rollback JOB");
        return 2;
}

// Reads the passphrase into a Secret (zeroed when disposed), runs the job and says how it ended.
async Task<int> RunAsync(string passphraseFile, Func<LuksKey, Task<MigrationResult>> run)
{
    using var passphrase = Secret.FromPassphraseFile(passphraseFile);
    try
    {
        var result = await run(LuksKey.FromPassphrase(passphrase));
        Console.WriteLine($"Job {result.JobId}: '{result.Domain}' runs from encrypted disks.");
        return 0;
    }
    catch (MigrationRefusedException e)
    {
        // A check failed when it was made again just before the start (the VG filled up, a name was taken).
        foreach (var check in e.FailedChecks)
        {
            Console.Error.WriteLine($"refused, nothing was changed: [{check.Name}] {check.Detail}");
        }

        return 3;
    }
    catch (MigrationFailedException e)
    {
        // The journal keeps the job: run again with "PASSFILE resume JOB" or "rollback JOB".
        Console.Error.WriteLine(e.Message);
        return e.WasCancelled ? 130 : 4;
    }
}
