using System.Text.Json;
using System.Text.Json.Serialization;
using VirtCrypt.Copy;
using VirtCrypt.Crypto;
using VirtCrypt.Migration.Journal;

namespace VirtCrypt.Migration;

/// <summary>
/// Source-generated (reflection-free, trimming- and AOT-safe) JSON for plans, results and journals: indented, enums as
/// their names, and strict when reading: a missing or null required value, an unknown field or a number instead of an
/// enum name is an error.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters =
    [
        typeof(StrictEnumConverter<MigrationMode>),
        typeof(StrictEnumConverter<DiskFormat>),
        typeof(StrictEnumConverter<LuksVersion>),
        typeof(StrictEnumConverter<PbkdfAlgorithm>),
        typeof(StrictEnumConverter<StepState>),
        typeof(StrictEnumConverter<JobStatus>),
        typeof(StrictEnumConverter<PlanCheckId>),
    ])]
[JsonSerializable(typeof(MigrationJob))]
[JsonSerializable(typeof(MigrationPlan))]
[JsonSerializable(typeof(MigrationResult))]
internal sealed partial class MigrationJsonContext : JsonSerializerContext;

/// <summary>An enum as its name; reading accepts only a defined name (never a number).</summary>
internal sealed class StrictEnumConverter<T>() : JsonStringEnumConverter<T>(namingPolicy: null, allowIntegerValues: false)
    where T : struct, Enum;
