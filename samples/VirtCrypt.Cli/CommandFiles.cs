using VirtCrypt.Boot;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Cli;

/// <summary>The files and devices each command reads or changes, for the man page (every command must be listed).</summary>
internal static class CommandFiles
{
    private const string Jobs = JobStore.DefaultDirectory;
    private const string JobJournals = $"{Jobs}/JOB.json (the job's journal, with JOB.json.lock and create.lock)";
    private const string NewVolumes = "/dev/VG/LV (new logical volumes, tagged virtcrypt_job_JOB) and /dev/mapper/NAME (their dm-crypt mappings)";

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> ByCommand { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["plan"] = [$"reads the journals in {Jobs} (an unfinished job on the same domain is refused)", "reads the source disks"],
        ["migrate"] = [$"writes {JobJournals}", $"creates {NewVolumes}", "reads the source disks (never writes them)", "writes a header backup per volume into the --header-backup directory", "reads --passphrase-file or --key-file"],
        ["resume"] = [$"reads and writes {JobJournals}", $"creates and writes {NewVolumes}", "reads --passphrase-file or --key-file"],
        ["rollback"] = [$"reads and writes {JobJournals}", "removes the job's own logical volumes and mappings (checked by tag and LUKS UUID)"],
        ["jobs"] = [$"reads {Jobs}"],
        ["open"] = ["creates /dev/mapper/NAME for each LUKS volume of the domain", $"reads {Jobs}", "reads --passphrase-file or --key-file"],
        ["close"] = ["removes /dev/mapper/NAME", $"reads {Jobs}"],
        ["start"] = ["creates /dev/mapper/NAME for each LUKS volume of the domain", $"reads {Jobs}", "reads --passphrase-file or --key-file"],
        ["stop"] = ["removes the domain's /dev/mapper/NAME mappings", $"reads {Jobs}"],
        ["status"] = [$"reads {Jobs}"],
        ["header-backup"] = ["reads the LUKS device", "writes the --file backup (never overwrites one)"],
        ["boot-config"] = [$"with --write: {CrypttabFile.DefaultPath} (or --crypttab) and a virtcrypt-DOMAIN.conf drop-in in {string.Join(" and ", SystemdDropIn.DefaultDirectories)} (or --dropin-dir), the previous versions kept as backups", $"reads {Jobs}"],
        ["enroll-keyfile"] = ["creates the --key-file (mode 0400, never overwritten)", "writes a keyslot into each LUKS header", "reads --passphrase-file"],
        ["remove-key"] = ["writes the LUKS header of --device (one keyslot removed)", "reads --passphrase-file or --key-file"],
        ["versions"] = ["none"],
    };
}
