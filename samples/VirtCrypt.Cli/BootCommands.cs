using System.CommandLine;
using VirtCrypt.Boot;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt boot-config</c>: open a domain's volumes at boot, before libvirt autostarts it.</summary>
internal static class BootCommands
{
    internal static Command BootConfig()
    {
        var domain = CommonOptions.Domain();
        var keyFile = new Option<FileInfo>("--key-file")
        {
            Description = "a keyfile that opens the volumes at boot (see enroll-keyfile); by default the passphrase is asked at boot",
        };
        var write = new Option<bool>("--write") { Description = "write the files (atomically, backing up the previous ones) instead of printing them" };
        var crypttab = new Option<string>("--crypttab") { Description = "the crypttab to add to", DefaultValueFactory = _ => CrypttabFile.DefaultPath };
        var dropInDirectories = new Option<string[]>("--dropin-dir")
        {
            Description = "a systemd drop-in directory of a libvirt daemon (repeat for several)",
            DefaultValueFactory = _ => [.. SystemdDropIn.DefaultDirectories],
        };
        var command = new Command(
            "boot-config",
            "Generate the /etc/crypttab entries and the libvirt daemon's systemd ordering that open a domain's volumes at boot.")
        {
            domain, keyFile, write, crypttab, dropInDirectories, CommonOptions.Json,
        };
        command.SetAction(result => CommandRunner.Run(result, () =>
        {
            using var session = Session.Open(result);
            var name = result.GetValue(domain)!;
            var volumes = new EncryptedVolumeFinder(session.Hypervisor, session.Migrations.Jobs, session.Loggers).Find(name);
            var key = result.GetValue(keyFile)?.FullName;
            var json = result.GetValue(CommonOptions.Json);
            if (key is not null && !File.Exists(key) && !json)
            {
                Console.Error.WriteLine($"virtcrypt: warning: the keyfile {key} does not exist; create it with 'virtcrypt enroll-keyfile' before the next boot.");
            }

            var config = VirtCrypt.Boot.BootConfig.For(name, volumes, key, result.GetValue(dropInDirectories));
            if (json)
            {
                var backups = result.GetValue(write) ? config.Write(result.GetValue(crypttab)!) : [];
                JsonDocuments.Print(
                    new BootConfigDocument(
                        JsonDocuments.Schema, "boot-config", name, result.GetValue(write), result.GetValue(crypttab)!, [.. config.Entries.Select(e => e.Format())],
                        [.. config.DropIns.Select(d => new DropInFile(d.Path, d.Text))], backups),
                    JsonDocuments.Context.BootConfigDocument);
            }
            else if (result.GetValue(write))
            {
                Write(config, result.GetValue(crypttab)!);
            }
            else
            {
                Print(config, result.GetValue(crypttab)!);
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static void Print(BootConfig config, string crypttab)
    {
        Console.WriteLine($"# add to {crypttab}:");
        Console.WriteLine($"# {config.CrypttabComment}");
        config.Entries.ToList().ForEach(e => Console.WriteLine(e.Format()));
        foreach (var dropIn in config.DropIns)
        {
            Console.WriteLine();
            Console.WriteLine($"# {dropIn.Path}:");
            Console.Write(dropIn.Text);
        }

        Console.Error.WriteLine("virtcrypt: nothing written; add --write to write these files.");
    }

    private static void Write(BootConfig config, string crypttab)
    {
        foreach (var backup in config.Write(crypttab))
        {
            Console.WriteLine($"previous version kept as {backup}");
        }

        Console.WriteLine($"{crypttab}: {config.Entries.Count} {(config.Entries.Count == 1 ? "entry" : "entries")} added for '{config.Domain}'");
        config.DropIns.ToList().ForEach(d => Console.WriteLine($"{d.Path} written"));
        Console.WriteLine("Apply with: systemctl daemon-reload");
    }
}
