using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using VirtCrypt.Copy;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// What the steps of a job recorded for later steps, a resume or a rollback. Each fact is written to the journal
/// before the act it describes, so an interrupted job knows what it may have done; a rollback acts on a fact only after
/// checking it against the host again.
/// </summary>
internal sealed record JobFacts
{
    [JsonConstructor]
    internal JobFacts(
        IReadOnlyDictionary<string, CopyCheckpoint> copyCheckpoints,
        string? previousDomainXml,
        bool sourceAutostartSwitchedOff,
        IReadOnlyList<CopiedFile> copiedFiles,
        IReadOnlyList<string> headerBackups)
    {
        CopyCheckpoints = new ReadOnlyDictionary<string, CopyCheckpoint>(copyCheckpoints.ToDictionary());
        PreviousDomainXml = previousDomainXml;
        SourceAutostartSwitchedOff = sourceAutostartSwitchedOff;
        CopiedFiles = [.. copiedFiles];
        HeaderBackups = [.. headerBackups];
    }

    /// <summary>The last durable copy checkpoint of each disk (by target) whose copy is under way.</summary>
    public IReadOnlyDictionary<string, CopyCheckpoint> CopyCheckpoints { get; private init; }

    /// <summary>Retarget and Live mode: the domain's persistent definition before the job changed it.</summary>
    public string? PreviousDomainXml { get; private init; }

    /// <summary>Clone mode: the job switched the source's autostart off (a rollback switches it on again).</summary>
    public bool SourceAutostartSwitchedOff { get; private init; }

    /// <summary>Clone mode: the files and trees copied for the new domain.</summary>
    public IReadOnlyList<CopiedFile> CopiedFiles { get; private init; }

    /// <summary>The LUKS header backup files the job began to write (each is written as <c>FILE.partial</c> first).</summary>
    public IReadOnlyList<string> HeaderBackups { get; private init; }

    internal static JobFacts None { get; } = new(new Dictionary<string, CopyCheckpoint>(), null, false, [], []);

    internal JobFacts WithCopyCheckpoint(string disk, CopyCheckpoint? checkpoint)
    {
        var checkpoints = CopyCheckpoints.Where(c => c.Key != disk).ToDictionary();
        if (checkpoint is not null)
        {
            checkpoints[disk] = checkpoint;
        }

        return this with { CopyCheckpoints = checkpoints.AsReadOnly() };
    }

    internal JobFacts WithPreviousDomainXml(string xml) => this with { PreviousDomainXml = xml };

    internal JobFacts WithSourceAutostartSwitchedOff(bool switchedOff) => this with { SourceAutostartSwitchedOff = switchedOff };

    internal JobFacts WithCopiedFile(CopiedFile copied) => this with { CopiedFiles = [.. CopiedFiles.Where(c => c.Path != copied.Path), copied] };

    internal JobFacts WithHeaderBackup(string path) => HeaderBackups.Contains(path) ? this : this with { HeaderBackups = [.. HeaderBackups, path] };
}
