using System.Text.Json;
using System.Text.Json.Nodes;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>A job's journal file, edited as an administrator (or an attacker with root) would: by hand, in place.</summary>
internal sealed class HandEditedJournal
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string original;

    internal HandEditedJournal(JobStore jobs, string jobId)
    {
        Path = System.IO.Path.Combine(jobs.Directory, jobId + ".json");
        original = File.ReadAllText(Path);
    }

    internal string Path { get; }

    /// <summary>Applies <paramref name="edit"/> to the journal as it is now.</summary>
    internal void Edit(Action<JsonObject> edit)
    {
        var journal = JsonNode.Parse(File.ReadAllText(Path))!.AsObject();
        edit(journal);
        File.WriteAllText(Path, journal.ToJsonString(Indented));
    }

    /// <summary>Applies <paramref name="edit"/> to the journal as the completed job left it, with its history cut to <paramref name="history"/>.</summary>
    internal void EditAsStoppedAt((string Step, string? Disk, string State)[] history, Action<JsonObject> edit)
    {
        File.WriteAllText(Path, original);
        Edit(journal =>
        {
            journal["Status"] = "Unfinished";
            journal["History"] = new JsonArray(history.Select(r => (JsonNode)new JsonObject
            {
                ["Step"] = r.Step,
                ["Disk"] = r.Disk,
                ["State"] = r.State,
                ["At"] = "2026-01-01T00:00:00+00:00",
            }).ToArray());
            edit(journal);
        });
    }

    /// <summary>The journal as the completed job left it.</summary>
    internal void Restore() => File.WriteAllText(Path, original);

    internal static JsonObject Disk(JsonObject journal, string target) =>
        journal["Plan"]!["Disks"]!.AsArray().Select(d => d!.AsObject()).Single(d => (string?)d["Target"] == target);
}
