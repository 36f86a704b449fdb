using System.Globalization;

namespace VirtCrypt.Orchestration;

/// <summary>The batch's outcome as a plain text table, one guest per line.</summary>
internal static class ReportTable
{
    private static readonly string[] Headers = ["DOMAIN", "RESULT", "DURATION", "BYTES", "JOB"];

    internal static string Format(IReadOnlyList<GuestOutcome> outcomes)
    {
        var rows = outcomes.Select(o => new[]
        {
            o.Domain,
            o.Result,
            o.Duration.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture),
            (o.BytesWritten / (1024.0 * 1024)).ToString("0.0 MiB", CultureInfo.InvariantCulture),
            o.JobId ?? "-",
        }).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return string.Concat(rows.Select(row =>
            string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd() + Environment.NewLine));
    }
}
