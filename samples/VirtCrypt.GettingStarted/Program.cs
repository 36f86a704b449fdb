using Microsoft.Extensions.Logging;
using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Storage;

// Migrates the shut-off guest "mail" onto LUKS2 volumes in the volume group "vg0" and starts the new domain.
// "resume JOB" or "rollback JOB" deals with a job that stopped part-way.
using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(console => console.SingleLine = true));
using var hypervisor = Hypervisor.Connect(Hypervisor.SystemUri, logger: loggers.CreateLogger<Hypervisor>());
using var lvm = new LvmHost(loggers.CreateLogger<LvmHost>());
var migrations = new MigrationService(hypervisor, lvm, loggers: loggers);
var progress = new ConsoleProgress();

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
    case ["resume", var job]:
        return await RunAsync(newVolumes: false, key => migrations.ResumeAsync(job, key, progress, cancel.Token));
}

var plan = await migrations.PlanAsync(new MigrationRequest
{
    Domain = "mail",
    VolumeGroup = "vg0",
    Mode = MigrationMode.Clone,
    HeaderBackupDirectory = "/root/luks-headers",
    Start = true,
}, cancel.Token);
Console.Write(MigrationPlanText.Format(plan));
if (!plan.CanExecute)
{
    return 3;
}

return await RunAsync(newVolumes: true, key => migrations.ExecuteAsync(plan, key, progress, cancel.Token));

// Asks for the passphrase (twice for new volumes), runs the job and says how it ended.
async Task<int> RunAsync(bool newVolumes, Func<LuksKey, Task<MigrationResult>> run)
{
    using var passphrase = Passphrase.Read("Passphrase: ");
    if (newVolumes)
    {
        using var again = Passphrase.Read("Passphrase again: ");
        if (!passphrase.ContentEquals(again))
        {
            Console.Error.WriteLine("The passphrases differ; nothing was changed.");
            return 2;
        }
    }

    try
    {
        var result = await run(LuksKey.FromPassphrase(passphrase));
        Console.WriteLine($"Job {result.JobId}: '{result.Domain}' runs from encrypted disks.");
        foreach (var disk in result.Disks)
        {
            Console.WriteLine($"  {disk.Target}: {disk.MapperPath} on {disk.LvPath}");
        }

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
        // The journal keeps the job: run again with "resume JOB" (same passphrase) or "rollback JOB".
        Console.Error.WriteLine(e.Message);
        return e.WasCancelled ? 130 : 4;
    }
}

/// <summary>Prints each step on a line and the copy's progress in place.</summary>
internal sealed class ConsoleProgress : IProgress<MigrationProgress>
{
    public void Report(MigrationProgress value)
    {
        if (value.Copy is { } copy)
        {
            Console.Write($"\r  {value.Disk} {copy.Phase}: {ByteCount.Format(copy.BytesDone)} of {ByteCount.Format(copy.BytesTotal)}   ");
        }
        else
        {
            Console.WriteLine($"\n{value.Step} {value.Disk}: {value.Message}");
        }
    }
}

/// <summary>Reads a passphrase from the terminal without echo, straight into a <see cref="Secret"/>.</summary>
internal static class Passphrase
{
    internal static Secret Read(string prompt)
    {
        Console.Write(prompt);
        var typed = GC.AllocateArray<char>(512, pinned: true);
        var length = 0;
        try
        {
            for (var k = Console.ReadKey(intercept: true); k.Key != ConsoleKey.Enter; k = Console.ReadKey(intercept: true))
            {
                if (k.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                }
                else if (!char.IsControl(k.KeyChar) && length < typed.Length)
                {
                    typed[length++] = k.KeyChar;
                }
            }

            Console.WriteLine();
            return Secret.FromChars(typed.AsSpan(0, length));
        }
        finally
        {
            Array.Clear(typed);
        }
    }
}
