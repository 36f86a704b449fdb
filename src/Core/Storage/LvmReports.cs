using System.Text.Json;
using System.Text.Json.Serialization;
using VirtCrypt.Errors;

namespace VirtCrypt.Storage;

/// <summary>One row of <c>vgs</c>; <see cref="Fields"/> is the <c>-o</c> list that produces exactly these properties.</summary>
internal sealed record VolumeGroupRow(
    [property: JsonPropertyName("vg_name")] string Name,
    [property: JsonPropertyName("vg_uuid")] string Uuid,
    [property: JsonPropertyName("vg_size")] long SizeBytes,
    [property: JsonPropertyName("vg_free")] long FreeBytes,
    [property: JsonPropertyName("vg_extent_size")] long ExtentSizeBytes,
    [property: JsonPropertyName("vg_extent_count")] long ExtentCount,
    [property: JsonPropertyName("vg_free_count")] long FreeExtentCount,
    [property: JsonPropertyName("lv_count")] int LogicalVolumeCount)
{
    internal const string Fields = "vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,lv_count";
}

/// <summary>One row of <c>pvs</c>; the volume group name is empty for a PV in no VG.</summary>
internal sealed record PhysicalVolumeRow(
    [property: JsonPropertyName("pv_name")] string DevicePath,
    [property: JsonPropertyName("vg_name")] string VolumeGroupName,
    [property: JsonPropertyName("pv_uuid")] string Uuid,
    [property: JsonPropertyName("pv_size")] long SizeBytes,
    [property: JsonPropertyName("pv_free")] long FreeBytes)
{
    internal const string Fields = "pv_name,vg_name,pv_uuid,pv_size,pv_free";
}

/// <summary>One row of <c>lvs</c>; the path is empty for LVM's hidden internal volumes.</summary>
internal sealed record LogicalVolumeRow(
    [property: JsonPropertyName("vg_name")] string VolumeGroupName,
    [property: JsonPropertyName("lv_name")] string Name,
    [property: JsonPropertyName("lv_uuid")] string Uuid,
    [property: JsonPropertyName("lv_path")] string Path,
    [property: JsonPropertyName("lv_size")] long SizeBytes,
    [property: JsonPropertyName("lv_tags")] string? Tags = null,
    [property: JsonPropertyName("lv_suspended")] string? Suspended = null)
{
    internal const string Fields = "vg_name,lv_name,lv_uuid,lv_path,lv_size,lv_tags,lv_suspended";
}

/// <summary>
/// Reads the JSON that <c>vgs</c>/<c>pvs</c>/<c>lvs --reportformat json --units b --nosuffix</c> print:
/// <c>{"report": [{"vg": [{...}]}]}</c>, every value a string. Other sections (such as the "log" section that
/// <c>log/report_command_log</c> adds) are ignored.
/// </summary>
internal static class LvmReports
{
    internal static IReadOnlyList<VolumeGroupRow> VolumeGroups(IReadOnlyList<string> reportLines) =>
        Rows(reportLines, "vg", LvmReportJson.Default.ListVolumeGroupRow);

    internal static IReadOnlyList<PhysicalVolumeRow> PhysicalVolumes(IReadOnlyList<string> reportLines) =>
        Rows(reportLines, "pv", LvmReportJson.Default.ListPhysicalVolumeRow);

    internal static IReadOnlyList<LogicalVolumeRow> LogicalVolumes(IReadOnlyList<string> reportLines) =>
        Rows(reportLines, "lv", LvmReportJson.Default.ListLogicalVolumeRow);

    private static List<T> Rows<T>(IReadOnlyList<string> reportLines, string section, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> rowsType)
    {
        try
        {
            using var document = JsonDocument.Parse(string.Join('\n', reportLines));
            var rows = new List<T>();
            foreach (var report in document.RootElement.GetProperty("report").EnumerateArray())
            {
                if (report.TryGetProperty(section, out var sectionRows))
                {
                    rows.AddRange(sectionRows.Deserialize(rowsType) ?? []);
                }
            }

            return rows;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new LvmException($"LVM's \"{section}\" report could not be read ({e.Message}). It began: {Start(reportLines)}", innerException: e);
        }
    }

    private static string Start(IReadOnlyList<string> reportLines)
    {
        var text = string.Join(' ', reportLines.Select(l => l.Trim()));
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}

[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(List<VolumeGroupRow>))]
[JsonSerializable(typeof(List<PhysicalVolumeRow>))]
[JsonSerializable(typeof(List<LogicalVolumeRow>))]
internal sealed partial class LvmReportJson : JsonSerializerContext;
