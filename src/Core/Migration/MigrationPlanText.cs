using System.Globalization;
using System.Text;
using VirtCrypt.Storage;

namespace VirtCrypt.Migration;

/// <summary>A plan as text for a person: what will be created, the checks, the warnings.</summary>
internal static class MigrationPlanText
{
    /// <summary>
    /// Formats <paramref name="plan"/>; with <paramref name="includeXml"/>, the new domain XML too. The last line is the
    /// verdict (how many checks failed, or ok), so that it is what a reader sees at the end of a long plan.
    /// </summary>
    public static string Format(MigrationPlan plan, bool includeXml = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        var request = plan.Request;
        Line(text, $"Migration of '{request.Domain}' ({request.Mode}) onto {request.Format.Version.ToString().ToUpperInvariant()} in volume group {request.VolumeGroup}");
        Line(text, request.Mode switch
        {
            MigrationMode.Clone => $"  the new domain '{plan.TargetDomain}' will run from the encrypted disks; '{request.Domain}' stays as it is",
            MigrationMode.Live => $"  '{plan.TargetDomain}' keeps running and its identity: its disks are mirrored onto the encrypted volumes, then switched over live",
            _ => $"  '{plan.TargetDomain}' keeps its identity and will run from the encrypted disks",
        });
        if (request.Mode == MigrationMode.Live)
        {
            Line(text, request.BandwidthBytesPerSecond is { } bandwidth
                ? $"  each mirror limited to {ByteCount.Format(bandwidth)}/s while it catches up"
                : "  mirrors run at full speed");
        }

        foreach (var disk in plan.Disks)
        {
            Line(text, "");
            Line(text, $"  disk {disk.Target}: {disk.SourcePath} ({disk.SourceFormat.ToString().ToLowerInvariant()}, {ByteCount.WithBytes(disk.Layout.SourceBytes)})");
            Line(text, $"    logical volume  {disk.LvPath}, {ByteCount.WithBytes(disk.Layout.LvBytes)}");
            Line(text, $"    LUKS            {request.Format.Cipher}-{request.Format.CipherMode}, {request.Format.KeySizeBits} bits, {request.Format.Hash}, data at {ByteCount.WithBytes(disk.Layout.DataOffsetBytes)}, UUID {disk.LuksUuid}");
            Line(text, $"    mapping         {disk.MapperPath}, {ByteCount.WithBytes(disk.Layout.MappedBytes)}{(disk.Layout.IsExactSize ? " (exactly the source size)" : "")}");
            Line(text, $"    discards        {Discards(request, disk)}");
        }

        if (plan.ExpectedDuration is { } expected)
        {
            Line(text, "");
            Line(text, string.Create(CultureInfo.InvariantCulture,
                $"  expected duration of the encryption: about {expected.Duration:h\\:mm\\:ss} (the volume reads {ByteCount.Format(expected.ReadBytesPerSecond)}/s, measured; " +
                $"writes assumed as fast; the cipher encrypts {(expected.CipherBytesPerSecond > 0 ? ByteCount.Format(expected.CipherBytesPerSecond) + "/s in memory" : "at a rate not measured here")})"));
        }

        Line(text, "");
        Line(text, "Checks:");
        foreach (var check in plan.Checks)
        {
            Line(text, $"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}");
        }

        if (plan.Warnings.Count > 0)
        {
            Line(text, "");
            Line(text, "Warnings:");
            foreach (var warning in plan.Warnings)
            {
                Line(text, "  - " + warning);
            }
        }

        if (includeXml && plan.NewDomainXml.Length > 0)
        {
            Line(text, "");
            Line(text, $"New definition of '{plan.TargetDomain}':");
            Line(text, System.Xml.Linq.XDocument.Parse(plan.NewDomainXml).ToString());
        }

        Line(text, "");
        Line(text, Verdict(plan));
        return text.ToString();
    }

    private static string Verdict(MigrationPlan plan)
    {
        var failed = plan.FailedChecks.Count();
        return failed == 0
            ? $"Verdict: ok, all {plan.Checks.Count} checks passed."
            : $"Verdict: {failed} of {plan.Checks.Count} {(plan.Checks.Count == 1 ? "check" : "checks")} failed (marked FAILED above); a migration would be refused. Nothing was changed.";
    }

    private static string Discards(MigrationRequest request, DiskPlan disk) => (request.AllowDiscards, disk.AllowDiscards) switch
    {
        (true, _) => "passed through to the storage (--allow-discards)",
        (false, _) => "not passed (--no-discards)",
        (null, true) => "passed through to the storage, as the source disk does (discard='unmap'; --no-discards to stop them)",
        (null, false) => "not passed, as the source disk does not pass them (--allow-discards to pass them)",
    };

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
