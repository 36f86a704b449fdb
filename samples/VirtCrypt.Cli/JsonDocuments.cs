using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Cli;

/// <summary>
/// The documents <c>--json</c> prints on stdout, one per command (docs/json.md describes every field). The envelope's
/// fields are camelCase; a plan, a migration result and a job are embedded as the library writes them (the journal's
/// own PascalCase form), never re-modelled here.
/// </summary>
internal static class JsonDocuments
{
    /// <summary>The version of these documents; it changes only when a field changes meaning or disappears.</summary>
    internal const int Schema = 1;

    /// <summary>
    /// The documents' serializer. Messages keep their quotes and angle brackets readable: the output is read by programs
    /// and people on a terminal, never embedded in HTML.
    /// </summary>
    internal static CliJsonContext Context { get; } = new(Options(indented: true));

    /// <summary>The serializer of progress lines: the same, one line each.</summary>
    internal static CliJsonContext Lines { get; } = new(Options(indented: false));

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="document"/> to stdout as one JSON document.</summary>
    internal static void Print<T>(T document, JsonTypeInfo<T> type) => Console.Out.WriteLine(JsonSerializer.Serialize(document, type));

    /// <summary>A command's outcome: <paramref name="text"/> for a person, or with <c>--json</c> its document.</summary>
    internal static void Outcome<T>(ParseResult result, string text, T document, JsonTypeInfo<T> type)
    {
        if (result.GetValue(CommonOptions.Json))
        {
            Print(document, type);
        }
        else
        {
            Console.WriteLine(text);
        }
    }

    /// <summary>A plan, result or job as the library's source-generated serializer writes it.</summary>
    internal static JsonElement Embedded<T>(T value) =>
        JsonSerializer.SerializeToElement(value, (JsonTypeInfo<T>)MigrationJson.Options.GetTypeInfo(typeof(T)));

    /// <summary>A journal of the job store: its job as the journal holds it, or why it cannot be read.</summary>
    internal static JobEntry Entry(StoredJob stored) => new(stored.Id, stored.Job is { } job ? Embedded(job) : null, stored.Problem);
}

internal sealed record PlanDocument(int Schema, string Command, bool CanExecute, JsonElement Plan);

internal sealed record MigrationDocument(int Schema, string Command, string Job, JsonElement Result);

internal sealed record RollbackDocument(int Schema, string Command, string Job, string Status);

internal sealed record JobsDocument(int Schema, string Command, IReadOnlyList<JobEntry> Jobs);

/// <summary>One journal: its job as the journal holds it, or why it cannot be read.</summary>
internal sealed record JobEntry(string Id, JsonElement? Job, string? Problem);

internal sealed record StatusDocument(int Schema, string Command, string Domain, string State, IReadOnlyList<DiskStatus> Disks, IReadOnlyList<JobEntry> Jobs);

internal sealed record DiskStatus(string? Target, string Source, bool Open, string? UnderlyingDevice, long? SizeBytes, bool? AllowDiscards, bool? InUse);

internal sealed record OpenDocument(int Schema, string Command, string Domain, IReadOnlyList<Mapping> Mappings);

internal sealed record Mapping(string Path, long SizeBytes);

internal sealed record CloseDocument(int Schema, string Command, string Mapping);

internal sealed record StartDocument(int Schema, string Command, string Domain);

internal sealed record StopDocument(int Schema, string Command, string Domain, string Outcome);

internal sealed record HeaderBackupDocument(int Schema, string Command, string Device, string File);

internal sealed record BootConfigDocument(
    int Schema, string Command, string Domain, bool Written, string Crypttab, IReadOnlyList<string> Entries, IReadOnlyList<DropInFile> DropIns, IReadOnlyList<string> Backups);

internal sealed record DropInFile(string Path, string Text);

internal sealed record VersionsDocument(int Schema, string Command, string Libvirt, string? Hypervisor, string Cryptsetup, string Lvm, string Blkid);

internal sealed record ErrorDocument(int Schema, ErrorDetail Error);

internal sealed record ErrorDetail(string Kind, string Message, string? Job);

/// <summary>One line of progress on stderr.</summary>
internal sealed record ProgressLine(int Schema, string Step, string? Disk, string Message, CopyStatus? Copy);

internal sealed record CopyStatus(string Phase, long BytesDone, long BytesTotal, double BytesPerSecond, double? SecondsLeft);

/// <summary>Source-generated (AOT-safe) serialization of the CLI's JSON documents: camelCase, nulls written (see <see cref="JsonDocuments.Context"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(MigrationDocument))]
[JsonSerializable(typeof(RollbackDocument))]
[JsonSerializable(typeof(JobsDocument))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(OpenDocument))]
[JsonSerializable(typeof(CloseDocument))]
[JsonSerializable(typeof(StartDocument))]
[JsonSerializable(typeof(StopDocument))]
[JsonSerializable(typeof(HeaderBackupDocument))]
[JsonSerializable(typeof(BootConfigDocument))]
[JsonSerializable(typeof(VersionsDocument))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ProgressLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
