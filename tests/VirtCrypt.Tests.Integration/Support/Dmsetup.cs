namespace VirtCrypt.Tests.Integration.Support;

/// <summary>The administrator's view of device-mapper, for test setup and cross-checks only (the product never spawns dmsetup).</summary>
internal static class Dmsetup
{
    /// <summary>The device's device-mapper UUID; fails when there is no such device.</summary>
    internal static string UuidOf(string name) =>
        ExternalTool.Run("dmsetup", "info", "--columns", "--noheadings", "--options", "uuid", name).Trim();

    /// <summary>Whether a device of that name exists.</summary>
    internal static bool Exists(string name) => ExternalTool.RunToEnd("dmsetup", "info", name).Exit == 0;
}
