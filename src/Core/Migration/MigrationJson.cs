using System.Text.Json;

namespace VirtCrypt.Migration;

/// <summary>The JSON form of plans, results and journals: indented, enums as names, source-generated (no reflection).</summary>
internal static class MigrationJson
{
    /// <summary>
    /// Read-only serializer options that know VirtCrypt's plan, result and journal types (and only those). A plan read
    /// back with them is a record to look at: <see cref="MigrationService.ExecuteAsync"/> refuses it.
    /// </summary>
    public static JsonSerializerOptions Options => MigrationJsonContext.Default.Options;

    /// <summary>A plan as JSON (it holds no secret).</summary>
    public static string Serialize(MigrationPlan plan) => JsonSerializer.Serialize(plan, MigrationJsonContext.Default.MigrationPlan);

    /// <summary>A migration's outcome as JSON.</summary>
    public static string Serialize(MigrationResult result) => JsonSerializer.Serialize(result, MigrationJsonContext.Default.MigrationResult);
}
