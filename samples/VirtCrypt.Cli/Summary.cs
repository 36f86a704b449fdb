using System.Globalization;
using VirtCrypt.Migration;
using VirtCrypt.Storage;

namespace VirtCrypt.Cli;

/// <summary>The table printed at the end of a migration.</summary>
internal static class Summary
{
    internal static void Print(MigrationResult result, bool json, string command)
    {
        if (json)
        {
            JsonDocuments.Print(
                new MigrationDocument(JsonDocuments.Schema, command, result.JobId, JsonDocuments.Embedded(result)), JsonDocuments.Context.MigrationDocument);
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Job {result.JobId}: '{result.Domain}' runs from encrypted disks{(result.Started ? " and was started" : "")}.");
        Console.WriteLine($"{"disk",-6} {"mapping",-28} {"logical volume",-28} {"size",10} {"written",10} {"zeros",10} {"verified",8} {"time",8}");
        foreach (var disk in result.Disks)
        {
            var copy = result.Copies.GetValueOrDefault(disk.Target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{disk.Target,-6} {disk.MapperPath,-28} {disk.LvPath,-28} {ByteCount.Format(disk.Layout.MappedBytes),10} {(copy is null ? "-" : ByteCount.Format(copy.BytesWritten)),10} {(copy is null ? "-" : ByteCount.Format(copy.BytesZeroed)),10} {(copy?.Verified == true ? "yes" : "-"),8} {(copy is null ? "-" : copy.CopyTime.ToString(@"m\:ss", CultureInfo.InvariantCulture)),8}"));
        }
    }
}
