using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Storage;

/// <summary>One line liblvm2cmd passed to its log function, with LVM's level (LVM2_LOG_*: 2 fatal, 3 error, 4 printed
/// output or warning, 5 verbose, 6 very verbose, 7 debug).</summary>
internal readonly record struct LvmLogLine(int Level, string Text)
{
    internal bool IsError => Level <= LVM2_LOG_ERROR;

    internal bool IsPrinted => Level == LVM2_LOG_PRINT;
}

/// <summary>What one liblvm2cmd command returned and logged: its report lines apart from every other message.</summary>
internal sealed record LvmOutput(string CommandLine, int ReturnCode, IReadOnlyList<LvmLogLine> Lines, IReadOnlyList<string> ReportLines)
{
    internal bool Succeeded => ReturnCode == LVM2_COMMAND_SUCCEEDED;

    /// <summary>LVM's error lines, or its warnings when it printed no error.</summary>
    internal IEnumerable<string> Complaints
    {
        get
        {
            var errors = Lines.Where(m => m.IsError).Select(m => m.Text).ToList();
            return errors.Count > 0
                ? errors
                : Lines.Where(m => m.IsPrinted && m.Text.StartsWith("WARNING", StringComparison.Ordinal)).Select(m => m.Text);
        }
    }
}
