using System.Globalization;
using VirtCrypt.Copy;
using VirtCrypt.Migration;

namespace VirtCrypt.Cli;

/// <summary>
/// Shows a migration's steps as lines and the copy as a progress bar with rate and time left (on a terminal;
/// redirected output gets a line every 10 %).
/// </summary>
internal sealed class ConsoleProgress : IProgress<MigrationProgress>
{
    private const int BarWidth = 30;
    private readonly bool interactive = !Console.IsErrorRedirected;
    private int lastDecile = -1;
    private bool barShown;

    public void Report(MigrationProgress value)
    {
        if (value.Copy is { } copy)
        {
            ShowCopy(value.Disk, copy);
            return;
        }

        EndBar();
        lastDecile = -1;
        Console.Error.WriteLine(value.Disk is null ? $"• {value.Message}" : $"• {value.Disk}: {value.Message}");
    }

    private void ShowCopy(string? disk, CopyProgress copy)
    {
        var fraction = copy.BytesTotal == 0 ? 1 : (double)copy.BytesDone / copy.BytesTotal;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {disk} {copy.Phase,-9} [{new string('#', (int)(fraction * BarWidth)).PadRight(BarWidth, '.')}] {fraction,4:P0}  {Human(copy.BytesDone)}/{Human(copy.BytesTotal)}  {Human((long)copy.BytesPerSecond)}/s  {(copy.Remaining is { } left ? "ETA " + left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "")}");
        if (interactive)
        {
            Console.Error.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 110) : 110));
            barShown = true;
        }
        else if ((int)(fraction * 10) is var decile && decile != lastDecile)
        {
            lastDecile = decile;
            Console.Error.WriteLine(line);
        }
    }

    private void EndBar()
    {
        if (barShown)
        {
            Console.Error.WriteLine();
            barShown = false;
        }
    }

    private static string Human(long bytes) => Storage.ByteCount.Format(bytes);
}
