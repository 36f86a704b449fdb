namespace VirtCrypt.Storage;

/// <summary>One line liblvm2cmd passed to its log function, with LVM's level (2 fatal, 3 error, 4 warning or printed
/// output, 5 notice, 6 info, 7 debug).</summary>
internal readonly record struct LvmLogLine(int Level, string Text)
{
    internal const int Error = 3;
    internal const int Output = 4;

    internal bool IsError => Level <= Error;
}

/// <summary>What one liblvm2cmd command returned and logged: its report lines apart from every other message.</summary>
internal sealed record LvmOutput(string CommandLine, int ReturnCode, IReadOnlyList<LvmLogLine> Lines, IReadOnlyList<string> ReportLines)
{
    internal bool Succeeded => ReturnCode == Interop.Interop.Lvm2Cmd.LVM2_COMMAND_SUCCEEDED;

    /// <summary>LVM's error lines, or its warnings when it printed no error.</summary>
    internal IEnumerable<string> Complaints
    {
        get
        {
            var errors = Lines.Where(m => m.IsError).Select(m => m.Text).ToList();
            return errors.Count > 0
                ? errors
                : Lines.Where(m => m.Level == LvmLogLine.Output && m.Text.StartsWith("WARNING", StringComparison.Ordinal)).Select(m => m.Text);
        }
    }
}
