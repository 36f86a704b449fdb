namespace VirtCrypt.Storage;

/// <summary>
/// Every LVM command VirtCrypt runs, each built from validated names and checked (<see cref="LvmErrors"/>). Runs on
/// the LVM thread inside an <see cref="LvmSession"/>; the public objects call only this.
/// </summary>
internal static class LvmProxy
{
    internal static IReadOnlyList<VolumeGroupRow> VolumeGroups(LvmSession session) =>
        LvmReports.VolumeGroups(Report(session, "vgs", VolumeGroupRow.Fields, "Listing volume groups"));

    internal static IReadOnlyList<PhysicalVolumeRow> PhysicalVolumes(LvmSession session) =>
        LvmReports.PhysicalVolumes(Report(session, "pvs", PhysicalVolumeRow.Fields, "Listing physical volumes"));

    internal static IReadOnlyList<LogicalVolumeRow> LogicalVolumes(LvmSession session, LvmName volumeGroup) =>
        LvmReports.LogicalVolumes(Report(session, "lvs", LogicalVolumeRow.Fields, $"Listing the logical volumes of {volumeGroup}", volumeGroup));

    internal static IReadOnlyList<LvmKernelState> KernelStates(LvmSession session, LvmName volumeGroup)
    {
        var output = session.Run(LvmCommandLine.Query("lvdisplay").Option("--colon").Argument(volumeGroup));
        LvmErrors.Ensure(output, $"Reading the state of the logical volumes of {volumeGroup}");
        return LvmKernelState.Parse(output.Lines);
    }

    internal static void CreateLinear(LvmSession session, LvmName volumeGroup, LvmName name, long sizeBytes, IEnumerable<LvmName> tags)
    {
        var command = LvmCommandLine.Change("lvcreate")
            .Option("--type", "linear")
            .Option("--size", sizeBytes)
            .Option("--name").Argument(name)
            .Option("--wipesignatures", "y")
            .Option("--yes");
        foreach (var tag in tags)
        {
            command.Option("--addtag").Argument(tag);
        }

        Change(session, $"Creating logical volume {volumeGroup}/{name}", command.Argument(volumeGroup));
    }

    internal static void Remove(LvmSession session, LvmName volumeGroup, LvmName name) =>
        Change(session, $"Removing logical volume {volumeGroup}/{name}", LvmCommandLine.Change("lvremove")
            .Option("--force")
            .Argument(volumeGroup, name));

    internal static void ChangeTag(LvmSession session, LvmName volumeGroup, LvmName name, LvmName tag, bool add) =>
        Change(session, $"{(add ? "Tagging" : "Untagging")} logical volume {volumeGroup}/{name}", LvmCommandLine.Change("lvchange")
            .Option(add ? "--addtag" : "--deltag").Argument(tag)
            .Argument(volumeGroup, name));

    /// <summary>Grows or shrinks the volume to exactly <paramref name="sizeBytes"/> (whole extents); whatever lies on it is not resized.</summary>
    internal static void Resize(LvmSession session, LvmName volumeGroup, LvmName name, long sizeBytes) =>
        Change(session, $"Resizing logical volume {volumeGroup}/{name}", LvmCommandLine.Change("lvresize")
            .Option("--size", sizeBytes)
            .Option("--force")
            .Argument(volumeGroup, name));

    internal static void SetActive(LvmSession session, LvmName volumeGroup, LvmName name, bool active) =>
        Change(session, $"{(active ? "Activating" : "Deactivating")} logical volume {volumeGroup}/{name}", LvmCommandLine.Change("lvchange")
            .Option("--activate", active ? "y" : "n")
            .Argument(volumeGroup, name));

    /// <summary>Creates the missing /dev nodes of the VG's active LVs (LVM's own, for hosts without udev) and removes stale ones.</summary>
    internal static void MakeNodes(LvmSession session, LvmName volumeGroup) =>
        Change(session, $"Creating the device nodes of volume group {volumeGroup}", LvmCommandLine.Change("vgmknodes").Argument(volumeGroup));

    internal static void CreateVolumeGroup(LvmSession session, LvmName name, IEnumerable<LvmDevicePath> devices, long? extentSizeBytes)
    {
        var command = LvmCommandLine.Change("vgcreate");
        if (extentSizeBytes is { } extentSize)
        {
            command.Option("--physicalextentsize", extentSize);
        }

        command.Argument(name);
        foreach (var device in devices)
        {
            command.Argument(device);
        }

        Change(session, $"Creating volume group {name}", command);
    }

    internal static void RemoveVolumeGroup(LvmSession session, LvmName name) =>
        Change(session, $"Removing volume group {name}", LvmCommandLine.Change("vgremove").Argument(name));

    internal static void RemovePhysicalVolume(LvmSession session, LvmDevicePath device) =>
        Change(session, $"Removing the LVM label from {device}", LvmCommandLine.Change("pvremove").Argument(device));

    private static List<string> Report(LvmSession session, string command, string fields, string operation, LvmName? scope = null)
    {
        var line = LvmCommandLine.Query(command)
            .Option("--reportformat", "json")
            .Option("--units", "b")
            .Option("--nosuffix")
            .Option("--options", fields);
        if (scope is { } name)
        {
            line.Argument(name);
        }

        var output = session.Run(line);
        LvmErrors.Ensure(output, operation);
        return [.. output.ReportLines];
    }

    private static void Change(LvmSession session, string operation, LvmCommandLine command) =>
        LvmErrors.Ensure(session.Run(command), operation);
}
