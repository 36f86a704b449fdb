using System.CommandLine;
using Microsoft.Extensions.Logging;
using VirtCrypt.Boot;
using VirtCrypt.Crypto;

namespace VirtCrypt.Cli;

/// <summary><c>virtcrypt enroll-keyfile | remove-key</c>: manage the keys of LUKS volumes.</summary>
internal static class KeyCommands
{
    internal static Command EnrollKeyFile()
    {
        var devices = new Option<string[]>("--device") { Description = "a LUKS device, for example /dev/vg0/mail_vda (repeat for several)" }.NotEmpty();
        var domain = CommonOptions.Domain(required: false);
        domain.Description = "add the keyfile to every encrypted volume of this domain";
        var keyFile = new Option<FileInfo>("--key-file") { Description = "the keyfile to create (mode 0400, never overwritten)", Required = true };
        var existing = new KeyOptions();
        var command = new Command(
            "enroll-keyfile",
            "Create a random keyfile and add it to a free keyslot, authorized by an existing passphrase.")
        {
            devices, domain, keyFile, existing.PassphraseFile, existing.PassphraseStdin,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            var path = result.GetValue(keyFile)!.FullName;
            var targets = Devices(result, result.GetValue(devices) ?? [], result.GetValue(domain));
            if (!Path.Exists(path))
            {
                WarnAboutStorage(new StorageEncryptionProbe().Inspect(path));
            }

            using var loggers = Session.Logging(result);
            using (var key = await existing.ReadAsync(result, isNewVolume: false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var enrolled in await KeyFileEnrollment.EnrollAsync(targets, key, path, loggers: loggers, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    Console.WriteLine($"{enrolled.DevicePath}: keyslot {enrolled.Keyslot} now opens with {path}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Command RemoveKey()
    {
        var device = new Option<string>("--device") { Description = "the LUKS device, for example /dev/vg0/mail_vda", Required = true }.NotEmpty();
        var keys = new KeyOptions();
        var command = new Command(
            "remove-key",
            "Remove the keyslot that the given passphrase or keyfile opens (never the last one).")
        {
            device,
        };
        keys.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(result, async () =>
        {
            using var loggers = Session.Logging(result);
            using var volume = LuksVolume.Load(result.GetValue(device)!, loggers.CreateLogger<LuksVolume>());
            using (var key = await keys.ReadAsync(result, isNewVolume: false, cancellationToken).ConfigureAwait(false))
            {
                var slot = await volume.RemoveKeyAsync(key, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"{volume.DevicePath}: keyslot {slot} removed; that {key} no longer opens it");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static IReadOnlyList<string> Devices(ParseResult result, string[] devices, string? domain)
    {
        if ((devices.Length > 0) == (domain is not null))
        {
            throw new CliUsageException("Give either --device (one or more) or --domain.");
        }

        if (domain is null)
        {
            return devices;
        }

        using var session = Session.Open(result);
        return new EncryptedVolumeFinder(session.Hypervisor, session.Migrations.Jobs, session.Loggers).Find(domain).Select(v => v.DevicePath).ToList();
    }

    private static void WarnAboutStorage(PathStorage storage)
    {
        if (storage.IsVolatile)
        {
            Console.Error.WriteLine($"virtcrypt: warning: {storage.Path} is on {storage.FileSystemType} ({storage.MountPoint}): it is gone after a reboot.");
        }
        else if (!storage.IsEncrypted)
        {
            Console.Error.WriteLine(
                $"virtcrypt: warning: {storage.Path} is on {storage.Source} ({storage.MountPoint}), which is not encrypted: whoever gets that disk can open the volume with this keyfile. Keep keyfiles on an encrypted filesystem.");
        }
    }
}
