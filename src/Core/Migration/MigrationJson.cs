using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtCrypt.Migration;

/// <summary>The JSON form of plans and journals: indented, enums as names.</summary>
public static class MigrationJson
{
    /// <summary>The serializer options VirtCrypt uses for plans, results and journals.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>A plan as JSON (it holds no secret).</summary>
    public static string Serialize(MigrationPlan plan) => JsonSerializer.Serialize(plan, Options);
}
