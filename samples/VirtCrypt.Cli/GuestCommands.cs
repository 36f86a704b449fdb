using Microsoft.Extensions.Logging;
using System.CommandLine;
using VirtCrypt.Crypto;
using VirtCrypt.Storage;

namespace VirtCrypt.Cli;

/// <summary>The daily routine: <c>virtcrypt open | close | start | stop | status</c> for an encrypted guest.</summary>
internal static class GuestCommands
{
    internal static Command Open()
    {
        var domain = CommonOptions.Domain();
        var keys = new KeyOptions();
        var command = new Command("open", "Open every LUKS volume a migrated domain uses.") { domain, CommonOptions.Json };
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            session.Migrations.CheckOpen(result.GetValue(domain)!);
            using (var key = await keys.ReadAsync(result, isNewVolume: false, cancellationToken).ConfigureAwait(false))
            {
                var opened = await session.Migrations.OpenVolumesAsync(result.GetValue(domain)!, key, cancellationToken).ConfigureAwait(false);
                JsonDocuments.Outcome(
                    result,
                    string.Join(Environment.NewLine, opened.Select(m => $"{m.Path} open ({ByteCount.Format(m.SizeBytes)})")),
                    new OpenDocument(JsonDocuments.Schema, "open", result.GetValue(domain)!, [.. opened.Select(m => new Mapping(m.Path, m.SizeBytes))]),
                    JsonDocuments.Context.OpenDocument);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command Close()
    {
        var mapper = new Argument<string>("name") { Description = "the mapping to close (the NAME in /dev/mapper/NAME)" };
        var force = new Option<bool>("--force") { Description = "close it even if no migration job created it (or it is open on another volume)" };
        var command = new Command(
            "close", "Close a dm-crypt mapping a migration job created, while it is open on that job's LUKS volume (refused while something holds it open).")
        {
            mapper, force, CommonOptions.Json,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            await session.Migrations.CloseVolumeAsync(result.GetValue(mapper)!, result.GetValue(force), cancellationToken).ConfigureAwait(false);
            JsonDocuments.Outcome(result, $"{MapperName.Parse(result.GetValue(mapper)!).DevicePath} closed", new CloseDocument(JsonDocuments.Schema, "close", result.GetValue(mapper)!), JsonDocuments.Context.CloseDocument);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command Start()
    {
        var domain = CommonOptions.Domain();
        var keys = new KeyOptions();
        var force = new Option<bool>("--force") { Description = "start the unencrypted source of a migration although its clone is defined (never while the clone runs)" };
        var command = new Command(
            "start", "Open a migrated domain's LUKS volumes, then start it (only domains that run from volumes VirtCrypt created).")
        {
            domain, force, CommonOptions.Json,
        };
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            session.Migrations.CheckStart(result.GetValue(domain)!, result.GetValue(force));
            using (var key = await keys.ReadAsync(result, isNewVolume: false, cancellationToken).ConfigureAwait(false))
            {
                await session.Migrations.StartAsync(result.GetValue(domain)!, key, result.GetValue(force), cancellationToken).ConfigureAwait(false);
            }

            JsonDocuments.Outcome(result, $"'{result.GetValue(domain)}' started", new StartDocument(JsonDocuments.Schema, "start", result.GetValue(domain)!), JsonDocuments.Context.StartDocument);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command Stop()
    {
        var domain = CommonOptions.Domain();
        var timeout = CommonOptions.ShutdownTimeout(120);
        var destroy = new Option<bool>("--destroy") { Description = "destroy (power off) the domain if it does not shut down in time" };
        var command = new Command(
            "stop", "Shut a migrated domain down gracefully, then close the LUKS mappings VirtCrypt created for it (other domains: use virsh).")
        {
            domain, timeout, destroy, CommonOptions.Json,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var session = Session.Open(result);
            var outcome = await session.Migrations.StopAsync(
                result.GetValue(domain)!, TimeSpan.FromSeconds(result.GetValue(timeout)), result.GetValue(destroy), cancellationToken).ConfigureAwait(false);
            JsonDocuments.Outcome(result, $"'{result.GetValue(domain)}': {outcome}; its mappings are closed",
                new StopDocument(JsonDocuments.Schema, "stop", result.GetValue(domain)!, outcome.ToString()), JsonDocuments.Context.StopDocument);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command Status()
    {
        var domain = CommonOptions.Domain();
        var command = new Command("status", "Show a domain's state, the state of each encrypted disk and the migration jobs that name it.") { domain, CommonOptions.Json };
        command.SetAction(result => CommandRunner.Run(result, () =>
        {
            using var session = Session.Open(result);
            using var found = session.Hypervisor.GetDomain(result.GetValue(domain)!);
            var disks = found.Disks
                .Select(d => (d.Target, Source: d.SourcePath, IsMapping: MapperName.TryParsePath(d.SourcePath, out var mapper), Mapper: mapper))
                .Where(d => d.IsMapping)
                .Select(d => (d.Target, Source: d.Source!, Mapped: LuksVolume.Status(d.Mapper.Name, session.Loggers.CreateLogger<LuksVolume>())))
                .ToList();
            if (result.GetValue(CommonOptions.Json))
            {
                var jobs = session.Migrations.Jobs.ReadAll().Where(j => j.Job is { } job && (job.Domain == found.Name || job.Plan.TargetDomain == found.Name));
                JsonDocuments.Print(
                    new StatusDocument(
                        JsonDocuments.Schema, "status", found.Name, found.State.ToString(),
                        [.. disks.Select(d => new DiskStatus(d.Target, d.Source, d.Mapped is not null, d.Mapped?.UnderlyingDevice, d.Mapped?.SizeBytes, d.Mapped?.AllowDiscards, d.Mapped?.InUse))],
                        [.. jobs.Select(JsonDocuments.Entry)]),
                    JsonDocuments.Context.StatusDocument);
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine($"{found.Name}: {found.State}");
            foreach (var (target, source, mapped) in disks)
            {
                Console.WriteLine(mapped is null
                    ? $"  {target}: {source} closed"
                    : $"  {target}: {source} open on {mapped.UnderlyingDevice}, {ByteCount.Format(mapped.SizeBytes)}{(mapped.AllowDiscards ? ", discards" : "")}{(mapped.InUse ? ", in use" : "")}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    internal static Command HeaderBackup()
    {
        var device = new Option<string>("--device") { Description = "the LUKS device (for example /dev/vg0/mail_vda)", Required = true }.NotEmpty();
        var file = new Option<FileInfo>("--file") { Description = "the backup file to write (never overwritten)", Required = true };
        var command = new Command("header-backup", "Back up a LUKS header: a damaged header loses every byte of the volume.") { device, file, CommonOptions.Json };
        command.SetAction(result => CommandRunner.Run(result, () =>
        {
            using var loggers = Session.Logging(result);
            using var volume = LuksVolume.Load(result.GetValue(device)!, loggers.CreateLogger<LuksVolume>());
            volume.BackupHeader(result.GetValue(file)!.FullName);
            JsonDocuments.Outcome(result, $"header of {result.GetValue(device)} saved to {result.GetValue(file)!.FullName}; keep it off this volume",
                new HeaderBackupDocument(JsonDocuments.Schema, "header-backup", result.GetValue(device)!, result.GetValue(file)!.FullName),
                JsonDocuments.Context.HeaderBackupDocument);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

}
