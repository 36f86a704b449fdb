using System.CommandLine;
using VirtCrypt.Crypto;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary>The options of <c>plan</c> and <c>migrate</c>, turned into a <see cref="MigrationRequest"/>.</summary>
internal sealed class MigrationOptions
{
    private readonly Option<string> domain = CommonOptions.Domain();
    private readonly Option<string> volumeGroup = new("--vg") { Description = "the volume group for the new logical volumes", Required = true };
    private readonly Option<string[]> disks = new("--disk") { Description = "a disk target to migrate (repeatable; default: every writable disk)" };
    private readonly Option<MigrationMode> mode = new("--mode")
    {
        Description = "clone (new name, UUID, MACs), retarget (same identity), live (same identity, the guest keeps running) or in-place (same identity, a raw LV encrypted where it stands)",
        CustomParser = ParseMode,
    };
    private readonly Option<string> newName = new("--new-name") { Description = "clone mode: the new domain's name (default NAME-clone)" };
    private readonly Option<string[]> mappers = new("--mapper") { Description = "mapper name, as TARGET=NAME or just NAME for a single disk (default cr_DOMAIN_TARGET)" };
    private readonly Option<string[]> macs = new("--mac") { Description = "clone mode: a MAC address for the next interface (repeatable)" };
    private readonly Option<bool> luks1 = new("--luks1") { Description = "format LUKS1 (only for systems that cannot read LUKS2)" };
    private readonly Option<bool> luks2 = new("--luks2") { Description = "format LUKS2 (the default)" };
    private readonly Option<string> cipher = new("--cipher") { Description = "cipher-mode, default aes-xts-plain64" };
    private readonly Option<int?> keySize = new("--key-size") { Description = "volume key size in bits, default 512" };
    private readonly Option<string> hash = new("--hash") { Description = "hash, default sha512" };
    private readonly Option<PbkdfAlgorithm?> pbkdf = new("--pbkdf") { Description = "argon2id (default), argon2i or pbkdf2" };
    private readonly Option<int?> pbkdfTime = new("--iter-time") { Description = "milliseconds the key derivation should take (default 2000)" };
    private readonly Option<int?> pbkdfMemory = new("--pbkdf-memory") { Description = "argon2 memory in KiB (default 1048576)" };
    private readonly Option<bool> allowDiscards = new("--allow-discards") { Description = "pass the guest's discards (fstrim) through to the storage on every disk (default: as each source disk does)" };
    private readonly Option<bool> noDiscards = new("--no-discards") { Description = "pass no discards through, even where the source disk has discard='unmap'" };
    private readonly Option<DirectoryInfo> headerBackup = new("--header-backup") { Description = "write a LUKS header backup of each new volume into this directory" };
    private readonly Option<int?> shutdownTimeout = new Option<int?>("--shutdown-timeout") { Description = "shut a running domain down first, waiting this many seconds" }.NotNegative();
    private readonly Option<bool> start = new("--start") { Description = "start the migrated domain at the end" };
    private readonly Option<int?> bandwidth = new("--bandwidth") { Description = "live mode: limit each disk's mirror to this many MiB/s while it catches up" };

    internal void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            domain, volumeGroup, disks, mode, newName, mappers, macs, luks1, luks2, cipher, keySize, hash, pbkdf, pbkdfTime,
            pbkdfMemory, allowDiscards, noDiscards, headerBackup, shutdownTimeout, start, bandwidth,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The mode's name as typed: the enum's names in any case, and in-place for <see cref="MigrationMode.InPlace"/>.</summary>
    private static MigrationMode ParseMode(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (Enum.TryParse<MigrationMode>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        result.AddError($"'{text}' is not a valid value for --mode: give one of clone, retarget, live, in-place.");
        return default;
    }

    internal MigrationRequest Request(ParseResult result)
    {
        if (result.GetValue(luks1) && result.GetValue(luks2))
        {
            throw new CliUsageException("--luks1 and --luks2 exclude each other.");
        }

        if (result.GetValue(allowDiscards) && result.GetValue(noDiscards))
        {
            throw new CliUsageException("--allow-discards and --no-discards exclude each other.");
        }

        var targets = result.GetValue(disks) ?? [];
        var mibPerSecond = result.GetValue(bandwidth);
        if (mibPerSecond is { } limit && (limit <= 0 || result.GetValue(mode) != MigrationMode.Live))
        {
            throw new CliUsageException("--bandwidth takes a positive number of MiB/s, and only with --mode live.");
        }

        return new MigrationRequest
        {
            Domain = result.GetValue(domain)!,
            VolumeGroup = result.GetValue(volumeGroup)!,
            Mode = result.GetValue(mode),
            Disks = targets,
            NewName = result.GetValue(newName),
            MapperNames = MapperNames(result.GetValue(mappers) ?? [], targets),
            MacAddresses = result.GetValue(macs) ?? [],
            Format = Format(result),
            AllowDiscards = result.GetValue(allowDiscards) ? true : result.GetValue(noDiscards) ? false : null,
            HeaderBackupDirectory = result.GetValue(headerBackup)?.FullName,
            ShutdownTimeout = result.GetValue(shutdownTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Start = result.GetValue(start),
            BandwidthBytesPerSecond = mibPerSecond * (1L << 20),
        };
    }

    private LuksFormatOptions Format(ParseResult result)
    {
        var format = new LuksFormatOptions { Version = result.GetValue(luks1) ? LuksVersion.Luks1 : LuksVersion.Luks2 };
        if (result.GetValue(cipher) is { } spec)
        {
            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0)
            {
                throw new CliUsageException($"--cipher takes cipher-mode, for example aes-xts-plain64, not '{spec}'.");
            }

            format = format with { Cipher = spec[..dash], CipherMode = spec[(dash + 1)..] };
        }

        format = format with
        {
            KeySizeBits = result.GetValue(keySize) ?? format.KeySizeBits,
            Hash = result.GetValue(hash) ?? format.Hash,
        };
        var algorithm = result.GetValue(pbkdf);
        var time = result.GetValue(pbkdfTime);
        var memory = result.GetValue(pbkdfMemory);
        if (algorithm is null && time is null && memory is null)
        {
            return format;
        }

        var costs = PbkdfOptions.DefaultFor(format.Version);
        costs = costs with
        {
            Algorithm = algorithm ?? costs.Algorithm,
            IterationTime = time is { } ms ? TimeSpan.FromMilliseconds(ms) : costs.IterationTime,
            MemoryKiB = memory ?? costs.MemoryKiB,
        };
        return format with { Pbkdf = costs };
    }

    private static Dictionary<string, string> MapperNames(string[] values, string[] targets)
    {
        var names = new Dictionary<string, string>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                names[value[..equals]] = value[(equals + 1)..];
            }
            else if (targets.Length == 1 && values.Length == 1)
            {
                names[targets[0]] = value;
            }
            else
            {
                throw new CliUsageException($"--mapper '{value}': write TARGET=NAME (a bare NAME needs exactly one --disk).");
            }
        }

        return names;
    }
}
