using System.Diagnostics;
using System.Text.Json;
using VirtCrypt.Copy;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary>
/// Progress for a program reading <c>--json</c> output: one JSON line on stderr per step message, and for a copy at most
/// one a second (plus the phase's first and last).
/// </summary>
internal sealed class JsonProgress : IProgress<MigrationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch sinceLast = new();
    private CopyPhase? lastPhase;

    public void Report(MigrationProgress value)
    {
        if (value.Copy is { } copy)
        {
            var boundary = copy.Phase != lastPhase || copy.BytesDone >= copy.BytesTotal;
            if (!boundary && sinceLast.IsRunning && sinceLast.Elapsed < Interval)
            {
                return;
            }

            lastPhase = copy.Phase;
            sinceLast.Restart();
        }

        var line = new ProgressLine(
            JsonDocuments.Schema, value.Step, value.Disk, value.Message,
            value.Copy is { } c ? new CopyStatus(c.Phase.ToString(), c.BytesDone, c.BytesTotal, c.BytesPerSecond, c.Remaining?.TotalSeconds) : null);
        Console.Error.WriteLine(JsonSerializer.Serialize(line, JsonDocuments.Lines.ProgressLine));
    }

    /// <summary>The progress a command shows: JSON lines with <c>--json</c>, otherwise for a person.</summary>
    internal static IProgress<MigrationProgress> For(bool json) => json ? new JsonProgress() : new ConsoleProgress();
}
