using System.Globalization;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>The administrator's view of device-mapper, for test setup and cross-checks only (the product never spawns dmsetup).</summary>
internal static class Dmsetup
{
    /// <summary>The device's device-mapper UUID; fails when there is no such device.</summary>
    internal static string UuidOf(string name) => Field(name, "uuid");

    /// <summary>Whether a device of that name exists.</summary>
    internal static bool Exists(string name) => ExternalTool.RunToEnd("dmsetup", "info", name).Exit == 0;

    /// <summary>The device's live table, one line (a linear LV on one physical volume: <c>0 SECTORS linear MAJ:MIN START</c>).</summary>
    internal static string LinearTable(string name)
    {
        var table = ExternalTool.Run("dmsetup", "table", name).Trim();
        return table.Split('\n').Length == 1 && table.Split(' ') is [_, _, "linear", _, _] ? table
            : throw new InvalidOperationException($"{name} is not one linear segment: {table}");
    }

    /// <summary>A linear table of another length: the same start on the same device.</summary>
    internal static string WithLength(string linearTable, long bytes)
    {
        var fields = linearTable.Split(' ');
        fields[1] = (bytes / 512).ToString(CultureInfo.InvariantCulture);
        return string.Join(' ', fields);
    }

    /// <summary>
    /// Leaves the device as an LVM command killed inside a resize does: <paramref name="live"/> live,
    /// <paramref name="loaded"/> loaded but not live, and suspended, so every read on it waits.
    /// </summary>
    internal static void LeaveAsAKilledResize(string name, string live, string loaded)
    {
        if (LinearTable(name) != live)
        {
            ExternalTool.Run("dmsetup", "reload", name, "--table", live);
            ExternalTool.Run("dmsetup", "resume", name);
        }

        ExternalTool.Run("dmsetup", "reload", name, "--table", loaded);
        ExternalTool.Run("dmsetup", "suspend", name);
    }

    /// <summary>Resumes the device when it exists and is suspended; true when it was.</summary>
    internal static bool ResumeIfSuspended(string name)
    {
        var suspended = Exists(name) && Field(name, "suspended") == "Suspended";
        if (suspended)
        {
            ExternalTool.Run("dmsetup", "resume", name);
        }

        return suspended;
    }

    /// <summary>One field of <c>dmsetup info --columns</c> for the device; fails when there is no such device.</summary>
    private static string Field(string name, string field) =>
        ExternalTool.Run("dmsetup", "info", "--columns", "--noheadings", "--options", field, name).Trim();
}
