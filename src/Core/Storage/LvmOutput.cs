namespace VirtCrypt.Storage;

/// <summary>One line liblvm2cmd passed to its log function, with LVM's level (report lines arrive at level 4).</summary>
internal readonly record struct LvmLogLine(int Level, string Text);

/// <summary>What one liblvm2cmd command returned and logged.</summary>
internal sealed record LvmOutput(int ReturnCode, IReadOnlyList<LvmLogLine> Lines)
{
    internal bool Succeeded => ReturnCode == Interop.Interop.Lvm2Cmd.LVM2_COMMAND_SUCCEEDED;
}
