using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration.Journal;

/// <summary>
/// Reads and writes journals strictly: a journal must name a known schema, hold every required field with a value of
/// the right kind and nothing else, and be the journal of the job its file is named after. Whatever is wrong is said
/// in words, never as the JSON library's own text.
/// </summary>
internal static partial class JournalJson
{
    internal static byte[] Serialize(MigrationJob job) => JsonSerializer.SerializeToUtf8Bytes(job, MigrationJsonContext.Default.MigrationJob);

    /// <summary>The job in <paramref name="json"/>, read from <paramref name="path"/>, the journal of <paramref name="jobId"/>.</summary>
    /// <exception cref="JournalDamagedException">It is not a usable journal of that job.</exception>
    internal static MigrationJob Parse(byte[] json, string jobId, string path)
    {
        MigrationJob job;
        try
        {
            using var document = JsonDocument.Parse(json);
            RequireKnownSchema(document.RootElement, path);
            job = document.RootElement.Deserialize(MigrationJsonContext.Default.MigrationJob)
                ?? throw new JournalDamagedException(path, "it holds no job");
        }
        catch (JsonException e)
        {
            throw new JournalDamagedException(path, Describe(e));
        }

        if (Problem(job, jobId) is { } problem)
        {
            throw new JournalDamagedException(path, problem);
        }

        return job;
    }

    private static void RequireKnownSchema(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JournalDamagedException(path, "it is not a JSON object");
        }

        if (!root.TryGetProperty(nameof(MigrationJob.Schema), out var schema))
        {
            throw new JournalDamagedException(path, "it has no \"Schema\" field, so it is not a VirtCrypt journal (or one from before journals had a schema)");
        }

        if (schema.ValueKind != JsonValueKind.Number || !schema.TryGetInt32(out var version) || version < 1)
        {
            throw new JournalDamagedException(path, $"its \"Schema\" is {schema.GetRawText()}, which no VirtCrypt writes");
        }

        if (version > MigrationJob.CurrentSchema)
        {
            throw new JournalDamagedException(path, string.Create(CultureInfo.InvariantCulture,
                $"it was written by a newer virtcrypt (journal schema {version}; this one reads schema {MigrationJob.CurrentSchema}): resume or roll the job back with that version"));
        }
    }

    /// <summary>What the journal says that it must not: another job's id, null entries, disks that contradict the plan.</summary>
    private static string? Problem(MigrationJob job, string jobId)
    {
        if (job.Id != jobId)
        {
            return $"it is the journal of job '{job.Id}', not of '{jobId}' as its file name says: a journal must not be renamed or copied";
        }

        var plan = job.Plan;
        var lists = new (string Name, IEnumerable<object?> Items)[]
        {
            ("History", job.History),
            ("Plan.Disks", plan.Disks),
            ("Plan.FileCopies", plan.FileCopies),
            ("Plan.Checks", plan.Checks),
            ("Plan.Warnings", plan.Warnings),
            ("Plan.Request.Disks", plan.Request.Disks),
            ("Plan.Request.MacAddresses", plan.Request.MacAddresses),
            ("Plan.Request.MapperNames", plan.Request.MapperNames.Values),
            ("Facts.CopyCheckpoints", job.Facts.CopyCheckpoints.Values),
            ("Facts.CopiedFiles", job.Facts.CopiedFiles),
            ("Facts.CopiedFiles[].Entries", job.Facts.CopiedFiles.SelectMany(f => f?.Entries ?? [])),
            ("Facts.HeaderBackups", job.Facts.HeaderBackups),
        };
        if (lists.FirstOrDefault(l => l.Items.Any(i => i is null)) is { Name: { } withNull })
        {
            return $"{withNull} holds a null entry";
        }

        if (plan.Disks.Count == 0)
        {
            return "its plan has no disk";
        }

        if (plan.Disks.FirstOrDefault(d => d.VolumeGroup != plan.Request.VolumeGroup) is { } stray)
        {
            return $"disk {stray.Target} is planned in volume group '{stray.VolumeGroup}', not in the plan's '{plan.Request.VolumeGroup}'";
        }

        if (plan.Disks.Select(NameProblem).FirstOrDefault(p => p is not null) is { } badName)
        {
            return badName;
        }

        var twice = plan.Disks.GroupBy(d => d.Target).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? plan.Disks.GroupBy(d => d.LvName).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? plan.Disks.GroupBy(d => d.MapperName).FirstOrDefault(g => g.Count() > 1)?.Key;
        return twice is null ? null : $"its plan names '{twice}' for more than one disk";
    }

    /// <summary>Names that become paths and command lines (LV, mapping) must follow the rules the planner checked.</summary>
    private static string? NameProblem(DiskPlan disk)
    {
        try
        {
            LvmNames.LogicalVolume(LvmNames.VolumeGroup(disk.VolumeGroup), disk.LvName);
            MapperName.Validate(disk.MapperName);
            return null;
        }
        catch (InvalidNameException e)
        {
            return $"disk {disk.Target}: {e.Message.TrimEnd('.')}";
        }
    }

    /// <summary>The JSON library's finding in words: where, and what kind of problem.</summary>
    private static string Describe(JsonException e)
    {
        var line = e.LineNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" (line {number + 1})") : "";
        var where = e.Path switch
        {
            null or "" => $"near{line}".TrimEnd(),
            "$" => "at the top level",
            var path => $"at {path}{line}",
        };
        var message = e.Message;
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            return $"a required field ({missing.Groups["names"].Value.Replace("'", "\"", StringComparison.Ordinal)}) is missing {where}";
        }

        if (UnknownProperty().Match(message) is { Success: true } unknown)
        {
            return $"it has a field \"{unknown.Groups["name"].Value}\" that VirtCrypt does not know, {where}";
        }

        return e.Path is null
            ? $"it is not valid JSON{line}"
            : $"the value {where} is missing, null, or not of the kind VirtCrypt writes there";
    }

    [GeneratedRegex("missing required properties including: (?<names>'[^']*'(, '[^']*')*)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();
}
